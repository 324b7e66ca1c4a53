import type { Messages } from '../en.js';

/**
 * French with "vous", as French onboarding flows use. French typography puts a no-break space before ":" (\u00a0)
 * and a narrow no-break space before "!" (\u202f), written as escapes so an editor cannot silently turn them into
 * ordinary spaces that let the punctuation wrap onto its own line. Wording avoids gendered agreement about the
 * person ("vérifier votre présence" rather than "que vous êtes présent·e").
 */
const messages: Messages = {
  'hint.no-face': 'Placez votre visage dans l’ovale',
  'hint.multiple-faces': 'Assurez-vous que personne d’autre n’est dans le cadre',
  'hint.low-confidence': 'Assurez-vous que votre visage est entièrement visible',
  'hint.too-far': 'Rapprochez-vous',
  'hint.too-close': 'Reculez un peu',
  'hint.off-center': 'Centrez votre visage dans l’ovale',
  'hint.turned': 'Regardez la caméra bien en face',
  'hint.tilted': 'Gardez la tête droite',
  'hint.too-dark': 'Placez-vous dans un endroit plus éclairé',
  'hint.too-bright': 'Trop de lumière\u00a0: éloignez-vous de la lumière directe',
  'hint.backlit': 'La lumière est derrière vous\u00a0: tournez-vous vers la lumière',
  'hint.blurry': 'Ne bougez pas, l’image est floue',
  'hint.moving': 'Ne bougez plus',
  'hint.eyes-covered': 'Dégagez vos yeux et retirez vos lunettes de soleil',
  'hint.eyes-closed': 'Gardez les yeux ouverts',
  'hint.mouth-covered': 'Dégagez votre bouche et votre nez',
  'hint.ok': 'Parfait, ne bougez plus',
  'intro.title': 'Prenez un selfie rapide',
  'intro.body':
    'Nous allons utiliser votre caméra pour vérifier votre présence. Rien n’est enregistré tant que votre visage n’est pas dans l’ovale.',
  'intro.start': 'Activer la caméra',
  'status.starting': 'Ouverture de la caméra…',
  'status.loading': 'Préparation de l’aide au cadrage…',
  'status.capturing': 'Capture en cours…',
  'status.uploading': 'Envoi sécurisé en cours…',
  'status.processing': 'Vérification en cours…',
  'status.done': 'Merci, c’est terminé\u202f!',
  'status.paused': 'En pause tant que la page est masquée',
  'progress.label': 'Progression de la capture',
  'manual.capture': 'Prendre la photo',
  'manual.hint': 'La capture automatique prend du temps. Vous pouvez prendre la photo vous-même.',
  'action.retry': 'Réessayer',
  'camera.label': 'Caméra',
  'camera.option': 'Caméra {number}',
  'video.label': 'Aperçu de la caméra',
  'error.title': 'Un problème est survenu',
  'error.camera-denied':
    'L’accès à la caméra a été bloqué. Autorisez la caméra dans les paramètres de votre navigateur, puis réessayez.',
  'error.camera-not-found': 'Aucune caméra n’a été détectée. Branchez une caméra et réessayez.',
  'error.camera-in-use': 'Votre caméra est utilisée par une autre application. Fermez-la et réessayez.',
  'error.camera-ended': 'La caméra s’est arrêtée. Réessayez.',
  'error.unsupported-browser': 'Ce navigateur ne peut pas utiliser la caméra ici. Essayez avec un navigateur à jour.',
  'error.model-load-failed': 'Impossible de charger l’aide au cadrage.',
  'error.capture-failed': 'Impossible de prendre la photo. Réessayez.',
  'error.token-missing': 'Cette page n’est pas configurée pour une vérification (jeton manquant).',
  'error.token-expired': 'Cette vérification a expiré. Rechargez la page pour recommencer.',
  'error.token-rejected': 'Cette vérification n’est plus valide. Rechargez la page pour recommencer.',
  'error.upload-failed': 'Impossible d’envoyer la photo. Réessayez.',
  'error.upload-rejected': 'La photo n’a pas été acceptée. Réessayez.',
  'error.check-failed': 'La vérification n’a pas pu aboutir. Réessayez.',
  'error.network': 'La connexion a échoué. Vérifiez votre réseau et réessayez.',
};

export default messages;
