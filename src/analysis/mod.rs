//! analysis: Site → mirror figures. Pure functions, no I/O.
