// App-wide actions any page can open: the command palette (Ctrl/⌘+K), quick log, new record.
// Their code loads on first use, keeping it out of the first page.
import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';

export interface QuickLogPrefill {
  relatedTo?: { object: string; id: string; title?: string }[];
}

interface QuickActionsValue {
  openPalette: () => void;
  openQuickLog: (prefill?: QuickLogPrefill) => void;
  openNewRecord: (object: string, initial?: Record<string, unknown>) => void;
}

const Ctx = createContext<QuickActionsValue | null>(null);

const CommandPalette = lazy(() =>
  import('../features/palette/CommandPalette').then((m) => ({ default: m.CommandPalette })),
);
const QuickLog = lazy(() => import('../features/quicklog/QuickLog').then((m) => ({ default: m.QuickLog })));
const NewRecordModal = lazy(() =>
  import('../features/records/NewRecordModal').then((m) => ({ default: m.NewRecordModal })),
);

export function QuickActionsProvider({ children }: { children: ReactNode }) {
  const [palette, setPalette] = useState(false);
  const [quickLog, setQuickLog] = useState<QuickLogPrefill | null>(null);
  const [newRecord, setNewRecord] = useState<{ object: string; initial?: Record<string, unknown> } | null>(
    null,
  );

  const openPalette = useCallback(() => setPalette(true), []);
  const openQuickLog = useCallback((p?: QuickLogPrefill) => setQuickLog(p ?? {}), []);
  const openNewRecord = useCallback(
    (object: string, initial?: Record<string, unknown>) => setNewRecord({ object, initial }),
    [],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPalette((open) => !open);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const value = useMemo(
    () => ({ openPalette, openQuickLog, openNewRecord }),
    [openPalette, openQuickLog, openNewRecord],
  );
  return (
    <Ctx.Provider value={value}>
      {children}
      <Suspense fallback={null}>
        {palette && <CommandPalette opened onClose={() => setPalette(false)} />}
        {quickLog && <QuickLog opened prefill={quickLog} onClose={() => setQuickLog(null)} />}
        {newRecord && (
          <NewRecordModal
            object={newRecord.object}
            initial={newRecord.initial}
            onClose={() => setNewRecord(null)}
          />
        )}
      </Suspense>
    </Ctx.Provider>
  );
}

export function useQuickActions(): QuickActionsValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useQuickActions outside QuickActionsProvider');
  return v;
}
