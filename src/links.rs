//! links: resolving links between content files.
