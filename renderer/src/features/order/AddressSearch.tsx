import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/use-t.js';
import { useConsole } from '../../store/index.js';
import { placeDetail, searchPlaces, type Place, type PlaceIndex } from './address-search.js';

/**
 * The site address of a call: the dispatcher types it (Chinese or English) and picks one of the places that match —
 * a district the query names first, then the centre's known sites, then the streets and districts of the gazetteer
 * (see `searchPlaces`). ↑/↓ choose, Enter picks, Esc closes the list (a second Esc closes the dialog). Picking fills
 * the address and its coordinates.
 */
export function AddressSearch(props: {
  index: PlaceIndex;
  value: string;
  onType: (text: string) => void;
  onPick: (place: Place) => void;
}) {
  const t = useT();
  const locale = useConsole((s) => s.locale);
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => searchPlaces(props.index, props.value), [props.index, props.value]);
  const shown = open && props.value.trim() !== '';

  const pick = (place: Place) => {
    props.onPick(place);
    setOpen(false);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      if (!shown) setOpen(true);
      else setActive((i) => Math.min(i + 1, matches.length - 1));
    } else if (e.key === 'ArrowUp' && shown) setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter' && shown && matches[active]) pick(matches[active]);
    else if (e.key === 'Escape' && shown) {
      setOpen(false);
      e.stopPropagation();
    } else return;
    e.preventDefault();
  };
  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="address-search">
      <input
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && matches[active] ? optionId(active) : undefined}
        value={props.value}
        placeholder={t('newOrder.addressPlaceholder')}
        onChange={(e) => {
          props.onType(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKey}
        onBlur={() => setOpen(false)}
        data-testid="new-order-address"
        autoComplete="off"
      />
      {shown && (
        <ul className="address-results popover" role="listbox" id={listId} data-testid="address-results">
          {matches.length === 0 && <li className="muted">{t('newOrder.noPlace')}</li>}
          {matches.map((p, i) => (
            <li
              key={`${p.kind}:${p.address}:${p.lat},${p.lon}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => (e.preventDefault(), pick(p))}
              onMouseEnter={() => setActive(i)}
            >
              <span className={`place-kind place-${p.kind}`}>
                {t(`newOrder.place.${p.kind}` as 'newOrder.place.site')}
              </span>
              <span className="place-address">{p.address}</span>
              <span className="muted place-detail">{placeDetail(p, locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
