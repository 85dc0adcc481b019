### prebuilt-portal : les textes des pages pour les participants, français.
###
### REVIEW: written with care from the English catalogue; to be reviewed by a native speaker.
### Vouvoiement. Les variables ({ $… }) restent telles quelles ; voir les notes de en.ftl.

## Every page

language-switch = Langue
way-back-rooms = Toutes les salles
way-back-help = Aide

## The meeting page

join-page-title = { $room } · rejoindre en tant que { $role }
embed-page-title = { $room } · { $role }
join-you-join-as = Vous rejoignez en tant que
join-open-new-tab = Ouvrir dans un nouvel onglet
join-signed-in-as = Connecté en tant que { $person }
sign-out = Se déconnecter
meeting-frame-title = Réunion : { $room } ({ $role })
join-waiting-room = Salle d’attente
lobby-pill-count =  : { $count } en attente
in-app-notice = Le navigateur intégré de cette application risque de ne pas laisser la réunion utiliser votre caméra et votre micro. { $link }, ou utilisez le menu de l’application pour ouvrir la page dans votre navigateur.
in-app-open = Ouvrez-la dans le navigateur de votre téléphone

## The index

index-pick-room = Choisissez une salle pour obtenir ses liens.
index-no-rooms = Aucune salle n’est listée ici. Utilisez le lien que vous avez reçu pour rejoindre une réunion.

## The share page

share-title = Partager { $room }
share-no-link-signed = Cette salle n’a pas de lien que l’on puisse transmettre : ses rôles ne s’ouvrent qu’avec des liens personnels de l’organisateur.
share-no-link-closed = Cette salle n’a pas de lien que l’on puisse transmettre : ses rôles ne sont pas ouverts aux visiteurs.
share-send-link = Envoyez un lien aux personnes qui doivent participer, ou montrez-leur le code QR.
share-other-roles = Les autres rôles, comme celui de l’hôte, ne s’ouvrent qu’avec des liens personnels de l’organisateur.
share-join-as = Rejoindre en tant que { $role }
share-link = Lien
share-copy-link = Copier le lien
share-open = Ouvrir
share-share = Partager
share-embed = Intégrer dans une page web
share-snippet = Extrait HTML
share-copy-snippet = Copier l’extrait
share-keep-allow = Gardez l’attribut { $allow } : sans lui, les navigateurs bloquent la caméra, le micro et le partage d’écran dans le cadre.
share-embeddable-by = Sites autorisés à afficher cette page dans un cadre : { $sites }. Ailleurs, les navigateurs affichent un cadre bloqué. Pour autoriser un autre site, l’exploitant du portail ajoute son adresse (par exemple { $example }) à { $setting }.
share-this-room-setting = { $setting } de cette salle
share-scan = Scannez pour rejoindre en tant que { $role }
share-qr-label = Code QR du lien pour rejoindre { $room } en tant que { $role }
share-site-self = ce portail
share-site-none = aucun site
share-sites = { $others } et { $last }
share-copied = Copié dans le presse-papiers
share-copied-short = Copié
share-press-copy = Appuyez sur Ctrl+C
share-selected = Sélectionné : appuyez sur Ctrl+C pour copier
share-mail-subject = Rejoindre { $room }
share-mail-body = Rejoignez { $room } en tant que { $role } : { $link }

## Invitations

invite-title = Invitation · { $room }
invite-status = Invitation
invite-for = Pour { $name }, pour rejoindre en tant que { $role }.
invite-you-are-invited = Vous êtes invité à rejoindre en tant que { $role }.
invite-starts = Début : { $time }.
invite-valid-until = Valable jusqu’au { $time }.
invite-join = Rejoindre la réunion
invite-soon-title = Ouvre bientôt · { $title }
invite-opens = La réunion ouvre { $when }. Cette page l’ouvrira alors d’elle-même.
opens-in-minutes = { $minutes ->
    [one] dans une minute
   *[other] dans { $minutes } minutes
}
opens-in-seconds = { $seconds ->
    [one] dans une seconde
   *[other] dans { $seconds } secondes
}
calendar-add = Ajouter au calendrier
calendar-file = Fichier de calendrier (.ics)
calendar-subscribe = S’abonner (suit les changements)
calendar-details = Rejoindre la réunion : { $link }

## Signing in

sign-in-title = Connexion · { $room }
sign-in-heading = Connectez-vous pour rejoindre en tant que { $role }
sign-in-button = Se connecter
sign-in-finish = Terminez la connexion dans la nouvelle fenêtre.
sign-in-needed = Ce rôle est réservé aux personnes connectées avec leur compte d’entreprise.
sign-in-again = Votre session a expiré. Reconnectez-vous avec votre compte d’entreprise pour continuer.
signed-in-title = Connecté
signed-in-heading = Vous êtes connecté
signed-in-go-back = Revenez à la page de la réunion : elle s’ouvre maintenant. Vous pouvez fermer cette fenêtre.
signed-in-continue = Continuer ici à la place
signed-out-title = Déconnecté
signed-out-heading = Vous êtes déconnecté
signed-out-again = Les réunions qui demandent une connexion vous la redemanderont.

## The waiting room, for visitors

lobby-status = Salle d’attente
lobby-knock-title = Demander à rejoindre { $room }
lobby-knock-intro = Vous rejoignez en tant que { $role }. Quelqu’un fait entrer les participants : demandez à rejoindre, puis gardez la page suivante ouverte jusqu’à ce qu’on vous fasse entrer.
lobby-your-name = Votre nom
lobby-name-from-link = Votre lien donne ce nom.
lobby-ask = Demander à rejoindre
lobby-name-missing = Veuillez saisir votre nom (100 caractères au plus), pour que l’hôte sache qui demande.
lobby-wait-title = En attente pour rejoindre { $room }
lobby-hello = Bonjour { $name } : vous avez demandé à rejoindre en tant que { $role }.
lobby-next = Vous êtes le prochain.
lobby-position = Vous êtes numéro { $position } dans la file.
lobby-host-here = Quelqu’un qui peut vous faire entrer est là.
lobby-host-away = Personne qui puisse vous faire entrer n’a encore ouvert la salle d’attente ; on vous verra dès que ce sera le cas.
lobby-keep-open = Gardez cette page ouverte : elle ouvre la réunion dès qu’on vous fait entrer.
lobby-check-now = Vérifier maintenant
lobby-denied-heading = Vous n’avez pas été admis
lobby-denied = La personne qui fait entrer les participants a refusé votre demande.
lobby-their-message = Son message : { $message }
lobby-lapsed-heading = Votre place dans la salle d’attente a expiré
lobby-lapsed = La page d’attente a été fermée un moment, ou vous avez attendu plus longtemps que la réunion ne le permet. Rouvrez le lien de la réunion pour demander à rejoindre.

## The waiting room, for hosts

lobby-hosts-title = En attente pour rejoindre { $room }
lobby-enable-alerts = Activer les alertes
lobby-alerts-on = Alertes activées
lobby-knock-alert = Quelqu’un attend pour rejoindre
lobby-nobody = Personne n’attend.
lobby-count = { $count ->
    [one] Une personne attend.
   *[other] { $count } personnes attendent, dans l’ordre d’arrivée.
}
lobby-admit-all = { $count ->
    [one] Admettre
   *[other] Admettre les { $count }
}
lobby-waited = { $minutes ->
    [0] Attend depuis moins d’une minute
    [one] Attend depuis une minute
   *[other] Attend depuis { $minutes } minutes
}
lobby-name-bound = le nom vient de son lien
lobby-admit = Admettre
lobby-message-to = Message à { $name }
lobby-message-placeholder = Message (facultatif)
lobby-turn-away = Refuser

## Error pages

error-status = Erreur { $status }
error-try-again = Réessayer
error-about = { $room } · en tant que { $role }
error-bad-address = L’adresse contient une erreur : { $reason }.
error-not-granted = Le rôle { $role } est réservé aux personnes dont { $claim } comprend { $values }. Vous êtes connecté, mais pas en tant que l’une d’elles : demandez l’accès à l’organisateur, ou déconnectez-vous et connectez-vous avec un autre compte.
error-link-invalid = Ce lien n’est pas valable
error-address-mistake = L’adresse contient une erreur.
error-not-found = Page introuvable
error-no-page = Il n’y a pas de page à cette adresse.
error-not-authorised = Non autorisé
error-needs-admin-token = Il faut un jeton d’administration valable.
error-not-allowed = Non permis
error-wrong-method = Cette page ne peut pas être utilisée ainsi.
error-request-invalid = Cette requête n’est pas valable
error-request-mistake = La requête contient une erreur.
error-cross-site = Non permis depuis un autre site
error-cross-site-text = Ce bouton ne fonctionne que sur les pages du portail. Rien n’a été modifié.
error-something-wrong = Un problème est survenu
error-internal-text = Le portail n’a pas pu afficher cette page. Veuillez réessayer ; si cela se reproduit, prévenez l’exploitant du portail.
error-unknown-room = Salle de réunion introuvable
error-unknown-room-text = Il n’y a pas de salle de réunion de ce nom. Vérifiez le lien, ou demandez-en un nouveau à la personne qui l’a envoyé.
error-unknown-role = Rôle introuvable
error-unknown-role-text = Cette salle de réunion n’a pas ce rôle. Vérifiez le lien, ou demandez-en un nouveau à la personne qui l’a envoyé.
error-room-disabled = Cette salle de réunion est fermée
error-room-disabled-text = L’organisateur a désactivé cette salle ; personne ne peut la rejoindre pour l’instant.
error-role-closed = Ce rôle est fermé
error-role-closed-text = Le lien de ce rôle a été désactivé dans le service de réunion. Demandez-en un nouveau à l’organisateur.
error-upstream-refused = Le service de réunion a refusé
error-upstream-refused-text = Le service de réunion a refusé d’ouvrir cette salle pour l’instant. Veuillez prévenir l’exploitant du portail.
error-upstream-down = Le service de réunion ne répond pas
error-upstream-down-text = Le service vidéo derrière cette page n’a pas répondu à temps. Veuillez réessayer dans quelques secondes.
error-upstream-failed = Le service de réunion a eu un problème
error-upstream-failed-text = Le service vidéo derrière cette page a répondu par une erreur. Veuillez réessayer dans un moment ; si cela se reproduit, prévenez l’exploitant du portail.
error-link-expired = Ce lien a expiré
error-link-expired-text = Le lien personnel que vous avez utilisé n’est plus valable. Demandez-en un nouveau à la personne qui l’a envoyé.
error-link-revoked = Ce lien a été retiré
error-link-revoked-text = L’organisateur a retiré le lien personnel que vous avez utilisé. Demandez-lui-en un nouveau.
error-link-changed = Ce lien a été modifié ou est incomplet
error-link-changed-text = Le lien personnel que vous avez ouvert n’est pas celui qu’a créé l’organisateur : quelque chose y a été modifié, ou une partie a été coupée lors de la copie. Ouvrez le lien exactement tel que vous l’avez reçu, ou demandez-en un nouveau à la personne qui l’a envoyé.
error-link-needed = Ce rôle demande un lien personnel
error-link-needed-text = Pour rejoindre dans ce rôle, il faut un lien personnel de l’organisateur de la réunion. Demandez-le-lui ; les organisateurs le créent avec l’API d’administration du portail ou sa commande « sign ».
error-knock = Demander à rejoindre
error-knock-text = Cette réunion a un hôte qui fait entrer les participants. Rouvrez le lien pour demander à rejoindre.
error-unknown-ticket = Cette page d’attente n’est pas la vôtre
error-unknown-ticket-text = La page d’une personne en attente ne fonctionne que dans le navigateur qui a fait la demande. Rouvrez le lien de la réunion pour demander à rejoindre.
error-no-lobby = Cette salle n’a pas de salle d’attente
error-no-lobby-text = Seule une salle avec une salle d’attente peut faire attendre ses invités.
error-not-a-host = Seuls les hôtes peuvent le faire
error-not-a-host-text = Faire entrer les participants revient aux hôtes de la réunion : ouvrez d’abord votre propre lien d’hôte, puis la liste d’attente depuis sa page.
error-lobby-full = Trop de personnes attendent
error-lobby-full-text = La salle d’attente de cette réunion est pleine pour l’instant. Veuillez réessayer dans une minute.
error-console-token = Ce n’est pas le jeton d’administration
error-console-token-text = La console s’ouvre avec le jeton d’administration du portail (admin.token). Vérifiez-le et réessayez.
error-console-denied = La console ne vous est pas ouverte
error-console-denied-text = Vous êtes connecté, mais votre compte ne donne pas accès à la console d’exploitation. Demandez aux responsables du portail de vous ajouter à ses administrateurs.
error-configured-room = Cette salle est définie dans le fichier de paramètres
error-configured-room-text = Les salles définies dans les paramètres du portail se modifient là-bas, pas ici.
error-signing-off = Les liens signés sont désactivés
error-signing-off-text = Le portail n’a pas de clé de signature ; il ne peut donc pas créer de liens personnels.
error-public-role = Ce rôle n’a pas besoin de lien signé
error-public-role-text = Toute personne ayant le lien simple peut rejoindre dans ce rôle ; un lien signé n’y changerait rien.
error-too-many = Trop de requêtes
error-too-many-text = Trop de pages ont été ouvertes depuis votre adresse en peu de temps. Veuillez patienter un instant et réessayer.
error-token-mint-text = Le portail n’a pas pu préparer votre accès à la réunion. Veuillez réessayer ; si cela se reproduit, prévenez l’exploitant du portail.
error-unknown-invitation = Invitation introuvable
error-unknown-invitation-text = Il n’y a pas d’invitation à cette adresse. Vérifiez le lien, ou demandez-en un nouveau à la personne qui l’a envoyé.
error-invitation-expired = Cette invitation a expiré
error-invitation-expired-text = L’invitation n’est plus valable. Demandez-en une nouvelle à la personne qui l’a envoyée.
error-invitation-revoked = Cette invitation a été retirée
error-invitation-revoked-text = L’organisateur a retiré cette invitation. Demandez-lui-en une nouvelle si vous devez encore participer.
error-meeting-ended = Cette réunion est terminée
error-meeting-ended-text = La réunion à laquelle cette invitation donnait accès est terminée ; l’invitation ne l’ouvre plus.
error-meeting-cancelled = Cette réunion a été annulée
error-meeting-cancelled-text = L’organisateur a annulé la réunion à laquelle cette invitation donnait accès.
error-not-open-yet = Cette réunion n’est pas encore ouverte
error-not-open-yet-text = Revenez quelques minutes avant le début : l’invitation s’ouvrira alors.
error-invitation-used = Cette invitation a déjà été utilisée
error-invitation-used-text = L’invitation a déjà été utilisée autant de fois qu’elle le permet. Demandez-en une nouvelle à la personne qui l’a envoyée.
error-unknown-event = Événement introuvable
error-unknown-event-text = Cet événement n’existe pas.
error-not-a-hook = Pas un webhook
error-not-a-hook-text = Cette adresse reçoit les webhooks de 100ms.
error-bad-schedule = Ces horaires ne forment pas une réunion
error-bad-schedule-text = Vérifiez le début, la fin et le fuseau horaire de l’événement.
error-event-cancelled-text = L’organisateur a annulé cette réunion.
error-no-calendar = Aucune invitation de calendrier à envoyer
error-no-calendar-text = Une invitation de calendrier a besoin des adresses e-mail de l’organisateur et de la personne invitée.
error-busy = Le portail est occupé
error-busy-text = Le portail n’a pas pu accéder à ses données à l’instant. Veuillez réessayer dans quelques secondes.
error-sign-in = Veuillez vous connecter
error-not-granted-title = Ce rôle n’est pas pour votre compte
error-not-granted-text = Vous êtes connecté, mais votre compte n’a pas ce que ce rôle demande.
error-sign-in-off = La connexion n’est pas configurée sur ce portail.
error-provider-down = Le service de connexion ne répond pas
error-provider-down-text = Le service de connexion de votre entreprise n’a pas répondu. Veuillez réessayer dans un moment.
error-sign-in-denied = La connexion n’a pas abouti
error-sign-in-denied-text = La connexion a été annulée ou refusée ; la réunion ne peut donc pas s’ouvrir. Rouvrez le lien de la réunion pour réessayer.
error-sign-in-refused = Cette connexion ne peut pas aboutir
error-sign-in-refused-text = Cette connexion n’a pas été commencée dans ce navigateur, a déjà été utilisée ou a pris trop de temps. Rouvrez le lien de la réunion pour vous reconnecter.
error-sign-in-invalid = La connexion n’a pas pu être vérifiée
error-sign-in-invalid-text = La réponse du service de connexion n’était pas digne de confiance ; vous n’avez donc pas été connecté. Veuillez prévenir l’exploitant du portail.
