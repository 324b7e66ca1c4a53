import type { Messages } from '../en.js';

/**
 * Polish with the informal imperatives Polish banks and apps use in onboarding ("Umieść", "Przybliż się"), and
 * no past-tense forms about the person, which would need a gender ("Nie ruszaj się").
 */
const messages: Messages = {
  'hint.no-face': 'Umieść twarz w owalu',
  'hint.multiple-faces': 'Upewnij się, że w kadrze jesteś tylko ty',
  'hint.low-confidence': 'Upewnij się, że widać całą twarz',
  'hint.too-far': 'Przybliż się',
  'hint.too-close': 'Odsuń się trochę',
  'hint.off-center': 'Ustaw twarz na środku owalu',
  'hint.turned': 'Patrz prosto w kamerę',
  'hint.tilted': 'Trzymaj głowę prosto',
  'hint.too-dark': 'Znajdź jaśniejsze miejsce',
  'hint.too-bright': 'Za jasno: odsuń się od bezpośredniego światła',
  'hint.backlit': 'Światło jest za tobą: odwróć się twarzą do światła',
  'hint.blurry': 'Nie ruszaj się, obraz jest nieostry',
  'hint.moving': 'Nie ruszaj się',
  'hint.eyes-covered': 'Odsłoń oczy i zdejmij okulary przeciwsłoneczne',
  'hint.eyes-closed': 'Miej oczy otwarte',
  'hint.mouth-covered': 'Odsłoń usta i nos',
  'hint.ok': 'Świetnie, nie ruszaj się',
  'intro.title': 'Zrób szybkie selfie',
  'intro.body':
    'Użyjemy kamery, aby sprawdzić, czy to naprawdę ty. Nic nie jest nagrywane, dopóki twoja twarz nie znajdzie się w owalu.',
  'intro.start': 'Włącz kamerę',
  'status.starting': 'Uruchamianie kamery…',
  'status.loading': 'Przygotowywanie wskazówek…',
  'status.capturing': 'Robienie zdjęcia…',
  'status.uploading': 'Bezpieczne wysyłanie…',
  'status.processing': 'Sprawdzanie…',
  'status.done': 'Dziękujemy, gotowe',
  'status.paused': 'Wstrzymano, dopóki strona jest ukryta',
  'progress.label': 'Postęp robienia zdjęcia',
  'manual.capture': 'Zrób zdjęcie',
  'manual.hint': 'Automatyczne robienie zdjęcia trwa dłużej niż zwykle. Możesz zrobić zdjęcie samodzielnie.',
  'action.retry': 'Spróbuj ponownie',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Podgląd z kamery',
  'error.title': 'Coś poszło nie tak',
  'error.camera-denied':
    'Dostęp do kamery został zablokowany. Zezwól na użycie kamery w ustawieniach przeglądarki i spróbuj ponownie.',
  'error.camera-not-found': 'Nie znaleziono kamery. Podłącz kamerę i spróbuj ponownie.',
  'error.camera-in-use': 'Kamera jest używana przez inną aplikację. Zamknij ją i spróbuj ponownie.',
  'error.camera-ended': 'Kamera przestała działać. Spróbuj ponownie.',
  'error.unsupported-browser': 'Ta przeglądarka nie może tu użyć kamery. Skorzystaj z aktualnej przeglądarki.',
  'error.model-load-failed': 'Nie udało się wczytać wskazówek.',
  'error.capture-failed': 'Nie udało się zrobić zdjęcia. Spróbuj ponownie.',
  'error.token-missing': 'Ta strona nie jest skonfigurowana do weryfikacji (brak tokenu).',
  'error.token-expired': 'Ta weryfikacja wygasła. Odśwież stronę, aby zacząć od nowa.',
  'error.token-rejected': 'Ta weryfikacja jest już nieważna. Odśwież stronę, aby zacząć od nowa.',
  'error.upload-failed': 'Nie udało się wysłać zdjęcia. Spróbuj ponownie.',
  'error.upload-rejected': 'Zdjęcie nie zostało zaakceptowane. Spróbuj ponownie.',
  'error.check-failed': 'Nie udało się ukończyć weryfikacji. Spróbuj ponownie.',
  'error.network': 'Błąd połączenia. Sprawdź sieć i spróbuj ponownie.',
};

export default messages;
