import { useMemo } from 'react';
import { customerNames, engineerNames } from '../i18n/names.js';
import { consoleStore, useConsole } from '../store/index.js';

/**
 * The names engineers are shown by, keyed by id (engineerNames): two engineers of the same name read apart by their
 * team (and short id), the same way everywhere. Recomputed when the data or the language changes.
 */
export function useEngineerNames(): ReadonlyMap<string, string> {
  const dataVersion = useConsole((s) => s.dataVersion);
  const locale = useConsole((s) => s.locale);
  return useMemo(
    () => engineerNames(consoleStore().getState().engineers.values(), locale),
    // dataVersion announces changes to the engineer map, which is mutated in place.
    [dataVersion, locale],
  );
}

/**
 * The names customers are shown by, keyed by customer id (customerNames): two customers of the same name read apart by
 * the end of their phone number. Recomputed when the data or the language changes.
 */
export function useCustomerNames(): ReadonlyMap<string, string> {
  const dataVersion = useConsole((s) => s.dataVersion);
  const locale = useConsole((s) => s.locale);
  return useMemo(
    () =>
      customerNames(
        [...consoleStore().getState().orders.values()].map((o) => o.customer),
        locale,
      ),
    // dataVersion announces changes to the order map, which is mutated in place.
    [dataVersion, locale],
  );
}
