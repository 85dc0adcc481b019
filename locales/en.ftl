### prebuilt-portal: the words of participant pages, English (the source catalogue).
###
### Notes for translators:
### - Every other catalogue has exactly these message ids (a test names any missing or extra).
### - Variables hold names and markup made by the portal (a name in bold, a role in a badge):
###   keep each { $variable } once, anywhere the sentence needs it.
### - Only numbers may choose a form ({ $count -> [one] … *[other] … }); a sentence that
###   chooses by another variable is formatted once at start-up and keeps its default form.
### - Keep product names (100ms, Google Calendar, Outlook.com, Microsoft 365) as they are.

## Every page

language-switch = Language
way-back-rooms = All rooms
way-back-help = Help

## The meeting page: the bar over the meeting, and the embedded page

join-page-title = { $room } · join as { $role }
embed-page-title = { $room } · { $role }
join-you-join-as = You join as
join-open-new-tab = Open in a new tab
join-signed-in-as = Signed in as { $person }
sign-out = Sign out
meeting-frame-title = Meeting: { $room } ({ $role })
join-waiting-room = Waiting room
# After "Waiting room" on a host's meeting page, when someone waits (a script fills in the count).
lobby-pill-count = : { $count } waiting
# Shown over the meeting by a script when the page is opened in an app's own browser; { $link } is in-app-open.
in-app-notice = This app's built-in browser may not let the meeting use your camera and microphone. { $link }, or use the app's menu to open the page in your browser.
in-app-open = Open it in your phone's browser

## The index

index-pick-room = Pick a room to get its links.
index-no-rooms = No rooms are listed here. Use the link you were given to join a meeting.

## The share page

share-title = Share { $room }
share-no-link-signed = This room has no link anyone can pass on: its roles open only through personal links from the organiser.
share-no-link-closed = This room has no link anyone can pass on: its roles are not open to visitors.
share-send-link = Send a link to the people who should join, or show them the QR code.
share-other-roles = Other roles, such as the host's, open only through personal links from the organiser.
share-join-as = Join as { $role }
share-link = Link
share-copy-link = Copy link
share-open = Open
share-share = Share
share-embed = Embed on a web page
share-snippet = HTML snippet
share-copy-snippet = Copy snippet
share-keep-allow = Keep the { $allow } attribute: without it browsers block the camera, microphone and screen sharing inside the frame.
share-embeddable-by = Sites that may show this page in a frame: { $sites }. Anywhere else, browsers show a blocked frame instead. To allow another site, the portal's operator adds its address (such as { $example }) to { $setting }.
share-this-room-setting = this room's { $setting }
share-scan = Scan to join as { $role }
share-qr-label = QR code of the link to join { $room } as { $role }
share-site-self = this portal
share-site-none = no site
# A list of sites: { $others } are all but the last, comma-separated.
share-sites = { $others } and { $last }
share-copied = Copied to the clipboard
share-copied-short = Copied
share-press-copy = Press Ctrl+C
share-selected = Selected: press Ctrl+C to copy
share-mail-subject = Join { $room }
share-mail-body = Join { $room } as { $role }: { $link }

## Invitations

invite-title = Invitation · { $room }
invite-status = Invitation
invite-for = For { $name }, to join as { $role }.
invite-you-are-invited = You are invited to join as { $role }.
invite-starts = Starts { $time }.
invite-valid-until = Valid until { $time }.
invite-join = Join the meeting
invite-soon-title = Opens soon · { $title }
# { $when } is how long until it opens, such as "in 5 minutes" (a script counts it down).
invite-opens = The meeting opens { $when }. This page opens it then by itself.
opens-in-minutes = { $minutes ->
    [one] in one minute
   *[other] in { $minutes } minutes
}
opens-in-seconds = { $seconds ->
    [one] in one second
   *[other] in { $seconds } seconds
}
calendar-add = Add to calendar
calendar-file = Calendar file (.ics)
calendar-subscribe = Subscribe (follows changes)
calendar-details = Join the meeting: { $link }

## Signing in

sign-in-title = Sign in · { $room }
sign-in-heading = Sign in to join as { $role }
sign-in-button = Sign in
sign-in-finish = Finish signing in in the new window.
sign-in-needed = This meeting role is for people signed in with their company account.
sign-in-again = Your session has ended. Sign in again with your company account to continue.
signed-in-title = Signed in
signed-in-heading = You are signed in
signed-in-go-back = Go back to the meeting page: it opens now. You can close this window.
signed-in-continue = Continue here instead
signed-out-title = Signed out
signed-out-heading = You are signed out
signed-out-again = Meetings that need signing in will ask you again.

## The waiting room (lobby), for visitors

lobby-status = Waiting room
lobby-knock-title = Ask to join { $room }
lobby-knock-intro = You join as { $role }. Someone lets people in: ask to join, then keep the next page open until they do.
lobby-your-name = Your name
lobby-name-from-link = Your link gives this name.
lobby-ask = Ask to join
lobby-name-missing = Please type your name, so the host knows who is asking.
lobby-wait-title = Waiting to join { $room }
lobby-hello = Hello { $name }: you asked to join as { $role }.
lobby-next = You are next.
lobby-position = You are number { $position } in line.
lobby-host-here = Someone who can let you in is here.
lobby-host-away = Nobody who can let you in has the waiting room open yet; they will see you when they do.
lobby-keep-open = Keep this page open: it opens the meeting as soon as you are let in.
lobby-check-now = Check now
lobby-denied-heading = You were not let in
lobby-denied = The person who lets people into this meeting turned your request away.
lobby-their-message = Their message: { $message }
lobby-lapsed-heading = Your place in the waiting room has lapsed
lobby-lapsed = The waiting page was closed for a while, or you waited longer than this meeting allows. Open the meeting link again to ask to join.

## The waiting room, for hosts

lobby-hosts-title = Waiting to join { $room }
lobby-enable-alerts = Enable alerts
lobby-alerts-on = Alerts on
lobby-knock-alert = Someone is waiting to join
lobby-nobody = Nobody is waiting.
lobby-count = { $count } waiting, first come first.
lobby-admit-all = { $count ->
    [one] Admit
   *[other] Admit all { $count }
}
lobby-waited = { $minutes ->
    [0] Waiting for less than a minute
    [one] Waiting for one minute
   *[other] Waiting for { $minutes } minutes
}
lobby-name-bound = the name comes with their link
lobby-admit = Admit
lobby-message-to = Message to { $name }
lobby-message-placeholder = Message (optional)
lobby-turn-away = Turn away

## Error pages

error-status = Error { $status }
error-try-again = Try again
error-about = { $room } · joining as { $role }
error-bad-address = The address has a mistake: { $reason }.
error-not-granted = The { $role } role is for people whose { $claim } include { $values }. You are signed in, but not as one of them: ask the organiser for access, or sign out and sign in as someone else.
error-link-invalid = This link is not valid
error-address-mistake = The address has a mistake.
error-not-found = Page not found
error-no-page = There is no page at this address.
error-not-authorised = Not authorised
error-needs-admin-token = This needs a valid admin token.
error-not-allowed = Not allowed
error-wrong-method = This page cannot be used that way.
error-request-invalid = This request is not valid
error-request-mistake = The request has a mistake.
error-cross-site = Not allowed from another site
error-cross-site-text = This button works only on the portal's own pages. Nothing was changed.
error-something-wrong = Something went wrong
error-internal-text = The portal could not show this page. Please try again; if it keeps happening, tell the portal's operator.
error-unknown-room = Meeting room not found
error-unknown-room-text = There is no meeting room with this name. Check the link, or ask the person who sent it for a new one.
error-unknown-role = Role not found
error-unknown-role-text = This meeting room has no such role. Check the link, or ask the person who sent it for a new one.
error-room-disabled = This meeting room is closed
error-room-disabled-text = The organiser has disabled this room, so nobody can join it right now.
error-role-closed = This role is closed
error-role-closed-text = The link for this role was turned off in the meeting service. Ask the organiser for a new one.
error-upstream-refused = The meeting service refused
error-upstream-refused-text = The meeting service refused to open this room right now. Please tell the portal's operator.
error-upstream-down = The meeting service is not answering
error-upstream-down-text = The video service behind this page did not answer in time. Please try again in a few seconds.
error-upstream-failed = The meeting service had a problem
error-upstream-failed-text = The video service behind this page answered with an error. Please try again in a little while; if it keeps happening, tell the portal's operator.
error-link-expired = This link has expired
error-link-expired-text = The personal link you used is no longer valid. Ask the person who sent it for a new one.
error-link-revoked = This link was withdrawn
error-link-revoked-text = The organiser withdrew the personal link you used. Ask them for a new one.
error-link-changed = This link was changed or is incomplete
error-link-changed-text = The personal link you opened is not the one the organiser made: something in it was changed, or part of it was cut off when it was copied. Open the link exactly as you received it, or ask the person who sent it for a new one.
error-link-needed = This role needs a personal link
error-link-needed-text = Joining in this role needs a personal link from the meeting's organiser. Ask them for one; organisers make them with the portal's admin API or its sign command.
error-knock = Ask to join
error-knock-text = This meeting has a host who lets people in. Open the link again to ask to join.
error-unknown-ticket = This waiting page is not yours
error-unknown-ticket-text = The page of someone waiting to join works only in the browser that asked. Open the meeting link again to ask to join.
error-no-lobby = This room has no waiting room
error-no-lobby-text = Only a room with a waiting room can make its invitees wait.
error-not-a-host = Only hosts can do this
error-not-a-host-text = Letting people in is for the meeting's hosts: open your own host link first, then the waiting list from its page.
error-lobby-full = Too many people are waiting
error-lobby-full-text = The waiting room of this meeting is full right now. Please try again in a minute.
error-console-token = That is not the admin token
error-console-token-text = The console opens with the portal's admin token (admin.token). Check it and try again.
error-console-denied = The console is not open to you
error-console-denied-text = You are signed in, but your account does not grant the operator's console. Ask whoever runs the portal to add you to its admins.
error-configured-room = This room is set in the settings file
error-configured-room-text = Rooms configured in the portal's settings are changed there, not here.
error-signing-off = Signed links are off
error-signing-off-text = The portal has no signing key, so it cannot make personal links.
error-public-role = This role needs no signed link
error-public-role-text = Anyone with the plain link can join this role, so a signed link would change nothing.
error-too-many = Too many requests
error-too-many-text = Too many pages were opened from your address in a short time. Please wait a moment and try again.
error-token-mint-text = The portal could not prepare your way into the meeting. Please try again; if it keeps happening, tell the portal's operator.
error-unknown-invitation = Invitation not found
error-unknown-invitation-text = There is no invitation at this address. Check the link, or ask the person who sent it for a new one.
error-invitation-expired = This invitation has expired
error-invitation-expired-text = The invitation is no longer valid. Ask the person who sent it for a new one.
error-invitation-revoked = This invitation was withdrawn
error-invitation-revoked-text = The organiser withdrew this invitation. Ask them for a new one if you still need to join.
error-meeting-ended = This meeting has ended
error-meeting-ended-text = The meeting this invitation was for is over, so the invitation no longer opens it.
error-meeting-cancelled = This meeting was cancelled
error-meeting-cancelled-text = The organiser cancelled the meeting this invitation was for.
error-not-open-yet = This meeting has not opened yet
error-not-open-yet-text = Come back a few minutes before it starts: the invitation opens then.
error-invitation-used = This invitation has been used
error-invitation-used-text = The invitation was already used as many times as it allows. Ask the person who sent it for a new one.
error-unknown-event = Event not found
error-unknown-event-text = There is no such event.
error-not-a-hook = Not a webhook
error-not-a-hook-text = This address receives 100ms's webhooks.
error-bad-schedule = These times do not make a meeting
error-bad-schedule-text = Check the event's start, end and time zone.
error-event-cancelled-text = The organiser cancelled this meeting.
error-no-calendar = No calendar invitation to send
error-no-calendar-text = A calendar invitation needs the organiser's and the invitee's e-mail addresses.
error-busy = The portal is busy
error-busy-text = The portal could not reach its records just now. Please try again in a few seconds.
error-sign-in = Please sign in
error-not-granted-title = This role is not for your account
error-not-granted-text = You are signed in, but your account does not have what this role needs.
error-sign-in-off = Sign-in is not set up on this portal.
error-provider-down = The sign-in service is not answering
error-provider-down-text = Your company's sign-in service did not answer. Please try again in a little while.
error-sign-in-denied = Sign-in was not completed
error-sign-in-denied-text = The sign-in was cancelled or not allowed, so the meeting cannot open. Open the meeting link again to retry.
error-sign-in-refused = This sign-in cannot be completed
error-sign-in-refused-text = This sign-in was not started in this browser, was already used, or took too long. Open the meeting link again to sign in anew.
error-sign-in-invalid = The sign-in could not be verified
error-sign-in-invalid-text = What the sign-in service sent back could not be trusted, so you were not signed in. Please tell the portal's operator.
