//! search_index: the search index file, written as the note pages hand in their documents
//! (so its ~40 MB at 10,000 notes are never held by a build), or kept in shared pieces for
//! the preview's next rebuild.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::Arc;

use super::{search, Output, Sink, Stream};
use crate::model::Site;

/// The search index, written as the note pages hand in their documents: a document that comes
/// early waits until every job before it has reported (the jobs finish about in order, see
/// [`super::in_order`], so few wait).
pub(super) struct SearchIndex<'a> {
    /// The job whose document (or its absence) is due next.
    next: usize,
    waiting: BTreeMap<usize, Option<Vec<u8>>>,
    /// Whether a document was written yet (the next one needs a separator first).
    any: bool,
    out: IndexOut<'a>,
    /// The notes' documents, for the preview's next rebuild (see [`super::render_note_edits`]);
    /// `None` in a build.
    pub(super) kept: Option<Vec<Arc<[u8]>>>,
}

enum IndexOut<'a> {
    /// Pieces kept for one [`Output::Chunks`].
    Memory(Vec<Arc<[u8]>>),
    /// Written as they come.
    Stream(Box<dyn std::io::Write + Send + 'a>),
}

impl<'a> SearchIndex<'a> {
    pub(super) fn start(site: &Site, stream: Stream<'a>, keep: bool) -> Self {
        let mut out = match stream {
            Some(open) => IndexOut::Stream(open(search::INDEX_PATH)),
            None => IndexOut::Memory(Vec::new()),
        };
        out.write(search::index_start(site));
        SearchIndex {
            next: 0,
            waiting: BTreeMap::new(),
            any: false,
            out,
            kept: keep.then(Vec::new),
        }
    }

    /// Job `job`'s document, `None` for a job without one.
    pub(super) fn add(&mut self, job: usize, doc: Option<Vec<u8>>) {
        self.waiting.insert(job, doc);
        while let Some(doc) = self.waiting.remove(&self.next) {
            self.next += 1;
            if let Some(doc) = doc {
                match &mut self.kept {
                    // The preview keeps the document and builds its index from the same piece.
                    Some(kept) => {
                        let doc: Arc<[u8]> = doc.into();
                        kept.push(doc.clone());
                        self.shared_document(doc);
                    }
                    None => self.document(doc),
                }
            }
        }
    }

    fn document(&mut self, doc: Vec<u8>) {
        self.separate();
        self.out.write(doc);
    }

    fn shared_document(&mut self, doc: Arc<[u8]>) {
        self.separate();
        match &mut self.out {
            IndexOut::Memory(chunks) => chunks.push(doc),
            IndexOut::Stream(_) => self.out.write(doc.to_vec()),
        }
    }

    fn separate(&mut self) {
        if self.any {
            self.out.write(search::DOC_SEPARATOR.to_vec());
        }
        self.any = true;
    }

    /// Adds the documents after the notes' and ends the file: the index as a file for the
    /// sink, or what is left of it once it was written to disk.
    pub(super) fn finish(&mut self, others: Vec<Vec<u8>>, sink: Sink) -> Output {
        for doc in others {
            self.document(doc);
        }
        self.out.write(search::INDEX_END.to_vec());
        let path = search::INDEX_PATH.to_string();
        match &mut self.out {
            IndexOut::Memory(chunks) => sink(Output::Chunks {
                path,
                chunks: std::mem::take(chunks),
            }),
            // Dropping the writer flushes it; a failure is the stream's to report.
            IndexOut::Stream(_) => Output::Written { path },
        }
    }
}

impl IndexOut<'_> {
    fn write(&mut self, piece: Vec<u8>) {
        match self {
            IndexOut::Memory(chunks) => chunks.push(piece.into()),
            // Errors are kept by the stream itself (see `Staging::stream`).
            IndexOut::Stream(w) => {
                let _ = w.write_all(&piece);
            }
        }
    }
}
