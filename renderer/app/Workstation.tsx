import { useRef } from 'react';
import { useDocumentStore } from '../store/document';
import { useUiStore, useT } from '../store/ui';
import { PdfViewer } from '../viewer/PdfViewer';
import { Thumbnails } from '../viewer/Thumbnails';
import { Splitter } from './Splitter';
import { DataSide } from '../data/DataSide';

/** The reviewer's screen: the PDF pane (thumbnails + pages) beside the data side, split where they left it. */
export function Workstation() {
  const t = useT();
  const pdf = useDocumentStore((s) => s.pdf);
  const docId = useDocumentStore((s) => (s.info ?? s.pendingInfo)?.docId);
  const split = useUiStore((s) => s.layout.split);
  const thumbnails = useUiStore((s) => s.layout.thumbnails);
  const body = useRef<HTMLDivElement>(null);

  return (
    <div className="workstation" ref={body} style={{ gridTemplateColumns: `${split * 100}% 6px minmax(0, 1fr)` }}>
      <section className="pdf-pane" aria-label={t('viewer.page', { page: '' }).trim()}>
        {pdf ? (
          <>
            {thumbnails && <Thumbnails key={`thumbs-${docId}`} pdf={pdf} />}
            <PdfViewer key={`pages-${docId}`} pdf={pdf} />
          </>
        ) : (
          <div className="viewer-loading">{t('viewer.empty')}</div>
        )}
      </section>
      <Splitter container={body} />
      <section className="data-pane">
        <DataSide />
      </section>
    </div>
  );
}
