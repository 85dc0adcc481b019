### prebuilt-portal: die Texte der Seiten für Teilnehmende, Deutsch.
###
### REVIEW: written with care from the English catalogue; to be reviewed by a native speaker.
### Anrede: „Sie“. Variablen ({ $… }) bleiben, wie sie sind; siehe die Hinweise in en.ftl.

## Every page

language-switch = Sprache
way-back-rooms = Alle Räume
way-back-help = Hilfe

## The meeting page

join-page-title = { $room } · Teilnahme als { $role }
embed-page-title = { $room } · { $role }
join-you-join-as = Sie nehmen teil als
join-open-new-tab = In neuem Tab öffnen
join-signed-in-as = Angemeldet als { $person }
sign-out = Abmelden
meeting-frame-title = Besprechung: { $room } ({ $role })
join-waiting-room = Warteraum
lobby-pill-count = : { $count } wartend
in-app-notice = Der eingebaute Browser dieser App erlaubt der Besprechung eventuell keinen Zugriff auf Kamera und Mikrofon. { $link } oder öffnen Sie die Seite über das Menü der App in Ihrem Browser.
in-app-open = Öffnen Sie sie im Browser Ihres Telefons

## The index

index-pick-room = Wählen Sie einen Raum, um seine Links zu erhalten.
index-no-rooms = Hier sind keine Räume aufgeführt. Verwenden Sie den Link, den Sie erhalten haben, um an einer Besprechung teilzunehmen.

## The share page

share-title = { $room } teilen
share-no-link-signed = Dieser Raum hat keinen Link, den man weitergeben kann: Seine Rollen öffnen sich nur über persönliche Links des Veranstalters.
share-no-link-closed = Dieser Raum hat keinen Link, den man weitergeben kann: Seine Rollen stehen Besuchern nicht offen.
share-send-link = Schicken Sie den Teilnehmenden einen Link oder zeigen Sie ihnen den QR-Code.
share-other-roles = Andere Rollen, etwa die des Gastgebers, öffnen sich nur über persönliche Links des Veranstalters.
share-join-as = Teilnehmen als { $role }
share-link = Link
share-copy-link = Link kopieren
share-open = Öffnen
share-share = Teilen
share-embed = In eine Webseite einbetten
share-snippet = HTML-Ausschnitt
share-copy-snippet = Ausschnitt kopieren
share-keep-allow = Behalten Sie das Attribut { $allow }: Ohne es sperren Browser Kamera, Mikrofon und Bildschirmfreigabe im Rahmen.
share-embeddable-by = Websites, die diese Seite in einem Rahmen zeigen dürfen: { $sites }. Überall sonst zeigen Browser stattdessen einen gesperrten Rahmen. Um eine weitere Website zuzulassen, trägt der Betreiber des Portals ihre Adresse (etwa { $example }) in { $setting } ein.
share-this-room-setting = { $setting } dieses Raums
share-scan = Scannen, um als { $role } teilzunehmen
share-qr-label = QR-Code des Links, um an { $room } als { $role } teilzunehmen
share-site-self = dieses Portal
share-site-none = keine Website
share-sites = { $others } und { $last }
share-copied = In die Zwischenablage kopiert
share-copied-short = Kopiert
share-press-copy = Strg+C drücken
share-selected = Markiert: Drücken Sie Strg+C zum Kopieren
share-mail-subject = Teilnahme an { $room }
share-mail-body = Nehmen Sie an { $room } als { $role } teil: { $link }

## Invitations

invite-title = Einladung · { $room }
invite-status = Einladung
invite-for = Für { $name }, zur Teilnahme als { $role }.
invite-you-are-invited = Sie sind eingeladen, als { $role } teilzunehmen.
invite-starts = Beginn: { $time }.
invite-valid-until = Gültig bis { $time }.
invite-join = An der Besprechung teilnehmen
invite-soon-title = Öffnet bald · { $title }
invite-opens = Die Besprechung öffnet { $when }. Diese Seite öffnet sie dann von selbst.
opens-in-minutes = { $minutes ->
    [one] in einer Minute
   *[other] in { $minutes } Minuten
}
opens-in-seconds = { $seconds ->
    [one] in einer Sekunde
   *[other] in { $seconds } Sekunden
}
calendar-add = Zum Kalender hinzufügen
calendar-file = Kalenderdatei (.ics)
calendar-subscribe = Abonnieren (folgt Änderungen)
calendar-details = An der Besprechung teilnehmen: { $link }

## Signing in

sign-in-title = Anmelden · { $room }
sign-in-heading = Anmelden, um als { $role } teilzunehmen
sign-in-button = Anmelden
sign-in-finish = Schließen Sie die Anmeldung im neuen Fenster ab.
sign-in-needed = Diese Rolle ist für Personen, die mit ihrem Firmenkonto angemeldet sind.
sign-in-again = Ihre Sitzung ist abgelaufen. Melden Sie sich erneut mit Ihrem Firmenkonto an, um fortzufahren.
signed-in-title = Angemeldet
signed-in-heading = Sie sind angemeldet
signed-in-go-back = Kehren Sie zur Besprechungsseite zurück: Sie öffnet sich jetzt. Sie können dieses Fenster schließen.
signed-in-continue = Stattdessen hier fortfahren
signed-out-title = Abgemeldet
signed-out-heading = Sie sind abgemeldet
signed-out-again = Besprechungen, die eine Anmeldung verlangen, fragen Sie erneut.

## The waiting room, for visitors

lobby-status = Warteraum
lobby-knock-title = Teilnahme an { $room } anfragen
lobby-knock-intro = Sie nehmen teil als { $role }. Jemand lässt die Teilnehmenden herein: Fragen Sie an und lassen Sie die nächste Seite geöffnet, bis Sie eingelassen werden.
lobby-your-name = Ihr Name
lobby-name-from-link = Ihr Link gibt diesen Namen vor.
lobby-ask = Teilnahme anfragen
lobby-name-missing = Bitte geben Sie Ihren Namen ein (höchstens 100 Zeichen), damit der Gastgeber weiß, wer anfragt.
lobby-wait-title = Warten auf Teilnahme an { $room }
lobby-hello = Hallo { $name }, Sie haben angefragt, als { $role } teilzunehmen.
lobby-next = Sie sind als Nächstes an der Reihe.
lobby-position = Sie sind Nummer { $position } in der Warteschlange.
lobby-host-here = Jemand, der Sie einlassen kann, ist da.
lobby-host-away = Noch hat niemand, der Sie einlassen kann, den Warteraum geöffnet; man sieht Sie, sobald das geschieht.
lobby-keep-open = Lassen Sie diese Seite geöffnet: Sie öffnet die Besprechung, sobald Sie eingelassen werden.
lobby-check-now = Jetzt prüfen
lobby-denied-heading = Sie wurden nicht eingelassen
lobby-denied = Die Person, die in diese Besprechung einlässt, hat Ihre Anfrage abgelehnt.
lobby-their-message = Nachricht: { $message }
lobby-lapsed-heading = Ihr Platz im Warteraum ist verfallen
lobby-lapsed = Die Warteseite war eine Weile geschlossen, oder Sie haben länger gewartet, als diese Besprechung erlaubt. Öffnen Sie den Link zur Besprechung erneut, um anzufragen.

## The waiting room, for hosts

lobby-hosts-title = Warten auf Teilnahme an { $room }
lobby-enable-alerts = Hinweise einschalten
lobby-alerts-on = Hinweise an
lobby-knock-alert = Jemand wartet auf Einlass
lobby-nobody = Niemand wartet.
lobby-count = { $count ->
    [one] Eine Person wartet.
   *[other] { $count } Personen warten, in der Reihenfolge ihres Eintreffens.
}
lobby-admit-all = { $count ->
    [one] Einlassen
   *[other] Alle { $count } einlassen
}
lobby-waited = { $minutes ->
    [0] Wartet seit weniger als einer Minute
    [one] Wartet seit einer Minute
   *[other] Wartet seit { $minutes } Minuten
}
lobby-name-bound = der Name stammt aus ihrem Link
lobby-admit = Einlassen
lobby-message-to = Nachricht an { $name }
lobby-message-placeholder = Nachricht (optional)
lobby-turn-away = Abweisen

## Error pages

error-status = Fehler { $status }
error-try-again = Erneut versuchen
error-about = { $room } · Teilnahme als { $role }
error-bad-address = Die Adresse enthält einen Fehler: { $reason }.
error-not-granted = Die Rolle { $role } ist für Personen, deren { $claim } { $values } enthält. Sie sind angemeldet, aber nicht als eine dieser Personen: Bitten Sie den Veranstalter um Zugang oder melden Sie sich ab und als jemand anderes an.
error-link-invalid = Dieser Link ist ungültig
error-address-mistake = Die Adresse enthält einen Fehler.
error-not-found = Seite nicht gefunden
error-no-page = Unter dieser Adresse gibt es keine Seite.
error-not-authorised = Nicht berechtigt
error-needs-admin-token = Dafür ist ein gültiges Admin-Token nötig.
error-not-allowed = Nicht erlaubt
error-wrong-method = Diese Seite lässt sich so nicht verwenden.
error-request-invalid = Diese Anfrage ist ungültig
error-request-mistake = Die Anfrage enthält einen Fehler.
error-cross-site = Von einer anderen Website nicht erlaubt
error-cross-site-text = Diese Schaltfläche funktioniert nur auf den eigenen Seiten des Portals. Es wurde nichts geändert.
error-something-wrong = Etwas ist schiefgelaufen
error-internal-text = Das Portal konnte diese Seite nicht anzeigen. Bitte versuchen Sie es erneut; wenn es wieder passiert, wenden Sie sich an den Betreiber des Portals.
error-unknown-room = Besprechungsraum nicht gefunden
error-unknown-room-text = Es gibt keinen Besprechungsraum mit diesem Namen. Prüfen Sie den Link oder bitten Sie die Person, die ihn geschickt hat, um einen neuen.
error-unknown-role = Rolle nicht gefunden
error-unknown-role-text = Dieser Besprechungsraum hat keine solche Rolle. Prüfen Sie den Link oder bitten Sie die Person, die ihn geschickt hat, um einen neuen.
error-room-disabled = Dieser Besprechungsraum ist geschlossen
error-room-disabled-text = Der Veranstalter hat diesen Raum deaktiviert, daher kann gerade niemand teilnehmen.
error-role-closed = Diese Rolle ist geschlossen
error-role-closed-text = Der Link für diese Rolle wurde im Besprechungsdienst abgeschaltet. Bitten Sie den Veranstalter um einen neuen.
error-upstream-refused = Der Besprechungsdienst hat abgelehnt
error-upstream-refused-text = Der Besprechungsdienst hat sich geweigert, diesen Raum jetzt zu öffnen. Bitte wenden Sie sich an den Betreiber des Portals.
error-upstream-down = Der Besprechungsdienst antwortet nicht
error-upstream-down-text = Der Videodienst hinter dieser Seite hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es in ein paar Sekunden erneut.
error-upstream-failed = Der Besprechungsdienst hatte ein Problem
error-upstream-failed-text = Der Videodienst hinter dieser Seite hat mit einem Fehler geantwortet. Bitte versuchen Sie es in Kürze erneut; wenn es wieder passiert, wenden Sie sich an den Betreiber des Portals.
error-link-expired = Dieser Link ist abgelaufen
error-link-expired-text = Der persönliche Link, den Sie verwendet haben, ist nicht mehr gültig. Bitten Sie die Person, die ihn geschickt hat, um einen neuen.
error-link-revoked = Dieser Link wurde zurückgezogen
error-link-revoked-text = Der Veranstalter hat den persönlichen Link, den Sie verwendet haben, zurückgezogen. Bitten Sie ihn um einen neuen.
error-link-changed = Dieser Link wurde verändert oder ist unvollständig
error-link-changed-text = Der persönliche Link, den Sie geöffnet haben, ist nicht der, den der Veranstalter erstellt hat: Etwas darin wurde verändert, oder beim Kopieren wurde ein Teil abgeschnitten. Öffnen Sie den Link genau so, wie Sie ihn erhalten haben, oder bitten Sie die Person, die ihn geschickt hat, um einen neuen.
error-link-needed = Diese Rolle braucht einen persönlichen Link
error-link-needed-text = Für die Teilnahme in dieser Rolle brauchen Sie einen persönlichen Link vom Veranstalter der Besprechung. Bitten Sie ihn darum; Veranstalter erstellen solche Links mit der Admin-API oder dem Befehl „sign“ des Portals.
error-knock = Teilnahme anfragen
error-knock-text = Diese Besprechung hat einen Gastgeber, der die Teilnehmenden einlässt. Öffnen Sie den Link erneut, um anzufragen.
error-unknown-ticket = Diese Warteseite gehört nicht Ihnen
error-unknown-ticket-text = Die Seite einer wartenden Person funktioniert nur in dem Browser, der angefragt hat. Öffnen Sie den Link zur Besprechung erneut, um anzufragen.
error-no-lobby = Dieser Raum hat keinen Warteraum
error-no-lobby-text = Nur ein Raum mit Warteraum kann seine Eingeladenen warten lassen.
error-not-a-host = Das können nur Gastgeber
error-not-a-host-text = Das Einlassen ist Sache der Gastgeber der Besprechung: Öffnen Sie zuerst Ihren eigenen Gastgeber-Link und dann von dort die Warteliste.
error-lobby-full = Zu viele Personen warten
error-lobby-full-text = Der Warteraum dieser Besprechung ist gerade voll. Bitte versuchen Sie es in einer Minute erneut.
error-console-token = Das ist nicht das Admin-Token
error-console-token-text = Die Konsole öffnet sich mit dem Admin-Token des Portals (admin.token). Prüfen Sie es und versuchen Sie es erneut.
error-console-denied = Die Konsole steht Ihnen nicht offen
error-console-denied-text = Sie sind angemeldet, aber Ihr Konto gewährt keinen Zugang zur Betreiberkonsole. Bitten Sie die Betreiber des Portals, Sie als Admin einzutragen.
error-configured-room = Dieser Raum ist in der Einstellungsdatei festgelegt
error-configured-room-text = In den Einstellungen des Portals festgelegte Räume werden dort geändert, nicht hier.
error-signing-off = Signierte Links sind ausgeschaltet
error-signing-off-text = Das Portal hat keinen Signierschlüssel und kann daher keine persönlichen Links erstellen.
error-public-role = Diese Rolle braucht keinen signierten Link
error-public-role-text = Jeder mit dem einfachen Link kann in dieser Rolle teilnehmen; ein signierter Link würde nichts ändern.
error-too-many = Zu viele Anfragen
error-too-many-text = Von Ihrer Adresse wurden in kurzer Zeit zu viele Seiten geöffnet. Bitte warten Sie einen Moment und versuchen Sie es erneut.
error-token-mint-text = Das Portal konnte Ihren Zugang zur Besprechung nicht vorbereiten. Bitte versuchen Sie es erneut; wenn es wieder passiert, wenden Sie sich an den Betreiber des Portals.
error-unknown-invitation = Einladung nicht gefunden
error-unknown-invitation-text = Unter dieser Adresse gibt es keine Einladung. Prüfen Sie den Link oder bitten Sie die Person, die ihn geschickt hat, um einen neuen.
error-invitation-expired = Diese Einladung ist abgelaufen
error-invitation-expired-text = Die Einladung ist nicht mehr gültig. Bitten Sie die Person, die sie geschickt hat, um eine neue.
error-invitation-revoked = Diese Einladung wurde zurückgezogen
error-invitation-revoked-text = Der Veranstalter hat diese Einladung zurückgezogen. Bitten Sie ihn um eine neue, wenn Sie noch teilnehmen müssen.
error-meeting-ended = Diese Besprechung ist beendet
error-meeting-ended-text = Die Besprechung, für die diese Einladung galt, ist vorbei; die Einladung öffnet sie nicht mehr.
error-meeting-cancelled = Diese Besprechung wurde abgesagt
error-meeting-cancelled-text = Der Veranstalter hat die Besprechung abgesagt, für die diese Einladung galt.
error-not-open-yet = Diese Besprechung ist noch nicht geöffnet
error-not-open-yet-text = Kommen Sie ein paar Minuten vor Beginn wieder: Dann öffnet sich die Einladung.
error-invitation-used = Diese Einladung wurde bereits verwendet
error-invitation-used-text = Die Einladung wurde schon so oft verwendet, wie sie erlaubt. Bitten Sie die Person, die sie geschickt hat, um eine neue.
error-unknown-event = Termin nicht gefunden
error-unknown-event-text = Einen solchen Termin gibt es nicht.
error-not-a-hook = Kein Webhook
error-not-a-hook-text = Diese Adresse empfängt die Webhooks von 100ms.
error-bad-schedule = Diese Zeiten ergeben keine Besprechung
error-bad-schedule-text = Prüfen Sie Beginn, Ende und Zeitzone des Termins.
error-event-cancelled-text = Der Veranstalter hat diese Besprechung abgesagt.
error-no-calendar = Keine Kalendereinladung zu versenden
error-no-calendar-text = Eine Kalendereinladung braucht die E-Mail-Adressen des Veranstalters und der eingeladenen Person.
error-busy = Das Portal ist ausgelastet
error-busy-text = Das Portal konnte seine Daten gerade nicht erreichen. Bitte versuchen Sie es in ein paar Sekunden erneut.
error-sign-in = Bitte melden Sie sich an
error-not-granted-title = Diese Rolle ist nicht für Ihr Konto
error-not-granted-text = Sie sind angemeldet, aber Ihr Konto hat nicht, was diese Rolle verlangt.
error-sign-in-off = Die Anmeldung ist auf diesem Portal nicht eingerichtet.
error-provider-down = Der Anmeldedienst antwortet nicht
error-provider-down-text = Der Anmeldedienst Ihres Unternehmens hat nicht geantwortet. Bitte versuchen Sie es in Kürze erneut.
error-sign-in-denied = Die Anmeldung wurde nicht abgeschlossen
error-sign-in-denied-text = Die Anmeldung wurde abgebrochen oder nicht erlaubt, daher kann sich die Besprechung nicht öffnen. Öffnen Sie den Link zur Besprechung erneut, um es noch einmal zu versuchen.
error-sign-in-refused = Diese Anmeldung kann nicht abgeschlossen werden
error-sign-in-refused-text = Diese Anmeldung wurde nicht in diesem Browser begonnen, wurde schon verwendet oder hat zu lange gedauert. Öffnen Sie den Link zur Besprechung erneut, um sich neu anzumelden.
error-sign-in-invalid = Die Anmeldung konnte nicht überprüft werden
error-sign-in-invalid-text = Was der Anmeldedienst zurückgeschickt hat, war nicht vertrauenswürdig, daher wurden Sie nicht angemeldet. Bitte wenden Sie sich an den Betreiber des Portals.
