### prebuilt-portal: los textos de las páginas para participantes, español.
###
### REVIEW: written with care from the English catalogue; to be reviewed by a native speaker.
### Tratamiento de «usted». Las variables ({ $… }) se mantienen; véanse las notas de en.ftl.

## Every page

language-switch = Idioma
way-back-rooms = Todas las salas
way-back-help = Ayuda

## The meeting page

join-page-title = { $room } · unirse como { $role }
embed-page-title = { $room } · { $role }
join-you-join-as = Se une como
join-open-new-tab = Abrir en una pestaña nueva
join-signed-in-as = Sesión iniciada como { $person }
sign-out = Cerrar sesión
meeting-frame-title = Reunión: { $room } ({ $role })
join-waiting-room = Sala de espera
lobby-pill-count = : { $count } esperando
in-app-notice = Puede que el navegador integrado de esta aplicación no permita a la reunión usar su cámara y micrófono. { $link }, o use el menú de la aplicación para abrir la página en su navegador.
in-app-open = Ábrala en el navegador de su teléfono

## The index

index-pick-room = Elija una sala para obtener sus enlaces.
index-no-rooms = Aquí no hay salas. Use el enlace que recibió para unirse a una reunión.

## The share page

share-title = Compartir { $room }
share-no-link-signed = Esta sala no tiene un enlace que se pueda reenviar: sus roles solo se abren con enlaces personales del organizador.
share-no-link-closed = Esta sala no tiene un enlace que se pueda reenviar: sus roles no están abiertos a visitantes.
share-send-link = Envíe un enlace a las personas que deben unirse, o muéstreles el código QR.
share-other-roles = Otros roles, como el del anfitrión, solo se abren con enlaces personales del organizador.
share-join-as = Unirse como { $role }
share-link = Enlace
share-copy-link = Copiar enlace
share-open = Abrir
share-share = Compartir
share-embed = Insertar en una página web
share-snippet = Fragmento HTML
share-copy-snippet = Copiar fragmento
share-keep-allow = Conserve el atributo { $allow }: sin él, los navegadores bloquean la cámara, el micrófono y la pantalla compartida dentro del marco.
share-embeddable-by = Sitios que pueden mostrar esta página en un marco: { $sites }. En cualquier otro, los navegadores muestran un marco bloqueado. Para permitir otro sitio, el operador del portal añade su dirección (por ejemplo { $example }) a { $setting }.
share-this-room-setting = { $setting } de esta sala
share-scan = Escanee para unirse como { $role }
share-qr-label = Código QR del enlace para unirse a { $room } como { $role }
share-site-self = este portal
share-site-none = ningún sitio
share-sites = { $others } y { $last }
share-copied = Copiado al portapapeles
share-copied-short = Copiado
share-press-copy = Pulse Ctrl+C
share-selected = Seleccionado: pulse Ctrl+C para copiar
share-mail-subject = Unirse a { $room }
share-mail-body = Únase a { $room } como { $role }: { $link }

## Invitations

invite-title = Invitación · { $room }
invite-status = Invitación
invite-for = Para { $name }, para unirse como { $role }.
invite-you-are-invited = Está invitado a unirse como { $role }.
invite-starts = Empieza: { $time }.
invite-valid-until = Válida hasta { $time }.
invite-join = Unirse a la reunión
invite-soon-title = Abre pronto · { $title }
invite-opens = La reunión abre { $when }. Esta página la abrirá entonces por sí sola.
opens-in-minutes = { $minutes ->
    [one] dentro de un minuto
   *[other] dentro de { $minutes } minutos
}
opens-in-seconds = { $seconds ->
    [one] dentro de un segundo
   *[other] dentro de { $seconds } segundos
}
calendar-add = Añadir al calendario
calendar-file = Archivo de calendario (.ics)
calendar-subscribe = Suscribirse (sigue los cambios)
calendar-details = Unirse a la reunión: { $link }

## Signing in

sign-in-title = Iniciar sesión · { $room }
sign-in-heading = Inicie sesión para unirse como { $role }
sign-in-button = Iniciar sesión
sign-in-finish = Termine de iniciar sesión en la ventana nueva.
sign-in-needed = Este rol es para personas que han iniciado sesión con su cuenta de empresa.
sign-in-again = Su sesión ha terminado. Vuelva a iniciar sesión con su cuenta de empresa para continuar.
signed-in-title = Sesión iniciada
signed-in-heading = Ha iniciado sesión
signed-in-go-back = Vuelva a la página de la reunión: se abre ahora. Puede cerrar esta ventana.
signed-in-continue = Continuar aquí
signed-out-title = Sesión cerrada
signed-out-heading = Ha cerrado sesión
signed-out-again = Las reuniones que requieren iniciar sesión se lo volverán a pedir.

## The waiting room, for visitors

lobby-status = Sala de espera
lobby-knock-title = Pedir unirse a { $room }
lobby-knock-intro = Se une como { $role }. Alguien deja pasar a los participantes: pida unirse y mantenga abierta la página siguiente hasta que le dejen pasar.
lobby-your-name = Su nombre
lobby-name-from-link = Su enlace indica este nombre.
lobby-ask = Pedir unirse
lobby-name-missing = Escriba su nombre (100 caracteres como máximo), para que el anfitrión sepa quién lo pide.
lobby-wait-title = Esperando para unirse a { $room }
lobby-hello = Hola, { $name }: ha pedido unirse como { $role }.
lobby-next = Es el siguiente.
lobby-position = Es el número { $position } de la fila.
lobby-host-here = Alguien que puede dejarle pasar está aquí.
lobby-host-away = Nadie que pueda dejarle pasar ha abierto aún la sala de espera; le verán cuando lo hagan.
lobby-keep-open = Mantenga esta página abierta: abre la reunión en cuanto le dejen pasar.
lobby-check-now = Comprobar ahora
lobby-denied-heading = No le han dejado pasar
lobby-denied = La persona que deja pasar a esta reunión ha rechazado su solicitud.
lobby-their-message = Su mensaje: { $message }
lobby-lapsed-heading = Su lugar en la sala de espera ha caducado
lobby-lapsed = La página de espera estuvo cerrada un tiempo, o esperó más de lo que permite esta reunión. Vuelva a abrir el enlace de la reunión para pedir unirse.

## The waiting room, for hosts

lobby-hosts-title = Esperando para unirse a { $room }
lobby-enable-alerts = Activar avisos
lobby-alerts-on = Avisos activados
lobby-knock-alert = Alguien espera para unirse
lobby-nobody = Nadie está esperando.
lobby-count = { $count ->
    [one] Una persona está esperando.
   *[other] { $count } personas están esperando, por orden de llegada.
}
lobby-admit-all = { $count ->
    [one] Dejar pasar
   *[other] Dejar pasar a las { $count }
}
lobby-waited = { $minutes ->
    [0] Espera desde hace menos de un minuto
    [one] Espera desde hace un minuto
   *[other] Espera desde hace { $minutes } minutos
}
lobby-name-bound = el nombre viene de su enlace
lobby-admit = Dejar pasar
lobby-message-to = Mensaje para { $name }
lobby-message-placeholder = Mensaje (opcional)
lobby-turn-away = Rechazar

## Error pages

error-status = Error { $status }
error-try-again = Reintentar
error-about = { $room } · como { $role }
error-bad-address = La dirección tiene un error: { $reason }.
error-not-granted = El rol { $role } es para personas cuyo { $claim } incluye { $values }. Ha iniciado sesión, pero no como una de ellas: pida acceso al organizador, o cierre sesión e iníciela con otra cuenta.
error-link-invalid = Este enlace no es válido
error-address-mistake = La dirección tiene un error.
error-not-found = Página no encontrada
error-no-page = No hay ninguna página en esta dirección.
error-not-authorised = No autorizado
error-needs-admin-token = Hace falta un token de administración válido.
error-not-allowed = No permitido
error-wrong-method = Esta página no se puede usar así.
error-request-invalid = Esta solicitud no es válida
error-request-mistake = La solicitud tiene un error.
error-cross-site = No permitido desde otro sitio
error-cross-site-text = Este botón solo funciona en las páginas del propio portal. No se ha cambiado nada.
error-something-wrong = Algo ha fallado
error-internal-text = El portal no pudo mostrar esta página. Inténtelo de nuevo; si vuelve a ocurrir, avise al operador del portal.
error-unknown-room = Sala de reunión no encontrada
error-unknown-room-text = No hay ninguna sala de reunión con este nombre. Compruebe el enlace, o pida uno nuevo a quien se lo envió.
error-unknown-role = Rol no encontrado
error-unknown-role-text = Esta sala de reunión no tiene ese rol. Compruebe el enlace, o pida uno nuevo a quien se lo envió.
error-room-disabled = Esta sala de reunión está cerrada
error-room-disabled-text = El organizador ha desactivado esta sala, así que nadie puede unirse ahora.
error-role-closed = Este rol está cerrado
error-role-closed-text = El enlace de este rol se desactivó en el servicio de reuniones. Pida uno nuevo al organizador.
error-upstream-refused = El servicio de reuniones se negó
error-upstream-refused-text = El servicio de reuniones se negó a abrir esta sala ahora. Avise al operador del portal.
error-upstream-down = El servicio de reuniones no responde
error-upstream-down-text = El servicio de vídeo de esta página no respondió a tiempo. Inténtelo de nuevo en unos segundos.
error-upstream-failed = El servicio de reuniones tuvo un problema
error-upstream-failed-text = El servicio de vídeo de esta página respondió con un error. Inténtelo de nuevo en un rato; si vuelve a ocurrir, avise al operador del portal.
error-link-expired = Este enlace ha caducado
error-link-expired-text = El enlace personal que usó ya no es válido. Pida uno nuevo a quien se lo envió.
error-link-revoked = Este enlace fue retirado
error-link-revoked-text = El organizador retiró el enlace personal que usó. Pídale uno nuevo.
error-link-changed = Este enlace fue modificado o está incompleto
error-link-changed-text = El enlace personal que abrió no es el que creó el organizador: algo en él se modificó, o una parte se cortó al copiarlo. Abra el enlace exactamente como lo recibió, o pida uno nuevo a quien se lo envió.
error-link-needed = Este rol necesita un enlace personal
error-link-needed-text = Para unirse con este rol necesita un enlace personal del organizador de la reunión. Pídaselo; los organizadores los crean con la API de administración del portal o con su comando «sign».
error-knock = Pedir unirse
error-knock-text = Esta reunión tiene un anfitrión que deja pasar a los participantes. Vuelva a abrir el enlace para pedir unirse.
error-unknown-ticket = Esta página de espera no es suya
error-unknown-ticket-text = La página de quien espera para unirse solo funciona en el navegador que lo pidió. Vuelva a abrir el enlace de la reunión para pedir unirse.
error-no-lobby = Esta sala no tiene sala de espera
error-no-lobby-text = Solo una sala con sala de espera puede hacer esperar a sus invitados.
error-not-a-host = Solo los anfitriones pueden hacer esto
error-not-a-host-text = Dejar pasar a la gente es cosa de los anfitriones de la reunión: abra primero su propio enlace de anfitrión y, desde su página, la lista de espera.
error-lobby-full = Hay demasiadas personas esperando
error-lobby-full-text = La sala de espera de esta reunión está llena ahora. Inténtelo de nuevo en un minuto.
error-console-token = Ese no es el token de administración
error-console-token-text = La consola se abre con el token de administración del portal (admin.token). Compruébelo e inténtelo de nuevo.
error-console-denied = La consola no está abierta para usted
error-console-denied-text = Ha iniciado sesión, pero su cuenta no da acceso a la consola del operador. Pida a quien gestiona el portal que le añada a sus administradores.
error-configured-room = Esta sala está definida en el archivo de configuración
error-configured-room-text = Las salas definidas en la configuración del portal se cambian allí, no aquí.
error-signing-off = Los enlaces firmados están desactivados
error-signing-off-text = El portal no tiene clave de firma, así que no puede crear enlaces personales.
error-public-role = Este rol no necesita un enlace firmado
error-public-role-text = Cualquiera con el enlace simple puede unirse con este rol; un enlace firmado no cambiaría nada.
error-too-many = Demasiadas solicitudes
error-too-many-text = Se abrieron demasiadas páginas desde su dirección en poco tiempo. Espere un momento e inténtelo de nuevo.
error-token-mint-text = El portal no pudo preparar su acceso a la reunión. Inténtelo de nuevo; si vuelve a ocurrir, avise al operador del portal.
error-unknown-invitation = Invitación no encontrada
error-unknown-invitation-text = No hay ninguna invitación en esta dirección. Compruebe el enlace, o pida uno nuevo a quien se lo envió.
error-invitation-expired = Esta invitación ha caducado
error-invitation-expired-text = La invitación ya no es válida. Pida una nueva a quien se la envió.
error-invitation-revoked = Esta invitación fue retirada
error-invitation-revoked-text = El organizador retiró esta invitación. Pídale una nueva si aún necesita unirse.
error-meeting-ended = Esta reunión ha terminado
error-meeting-ended-text = La reunión para la que era esta invitación ha terminado, así que la invitación ya no la abre.
error-meeting-cancelled = Esta reunión fue cancelada
error-meeting-cancelled-text = El organizador canceló la reunión para la que era esta invitación.
error-not-open-yet = Esta reunión aún no se ha abierto
error-not-open-yet-text = Vuelva unos minutos antes de que empiece: la invitación se abre entonces.
error-invitation-used = Esta invitación ya se ha usado
error-invitation-used-text = La invitación ya se usó tantas veces como permite. Pida una nueva a quien se la envió.
error-unknown-event = Evento no encontrado
error-unknown-event-text = No existe tal evento.
error-not-a-hook = No es un webhook
error-not-a-hook-text = Esta dirección recibe los webhooks de 100ms.
error-bad-schedule = Estas horas no forman una reunión
error-bad-schedule-text = Compruebe el inicio, el final y la zona horaria del evento.
error-event-cancelled-text = El organizador canceló esta reunión.
error-no-calendar = No hay invitación de calendario que enviar
error-no-calendar-text = Una invitación de calendario necesita las direcciones de correo del organizador y de la persona invitada.
error-busy = El portal está ocupado
error-busy-text = El portal no pudo acceder a sus registros en este momento. Inténtelo de nuevo en unos segundos.
error-sign-in = Inicie sesión
error-not-granted-title = Este rol no es para su cuenta
error-not-granted-text = Ha iniciado sesión, pero su cuenta no tiene lo que este rol necesita.
error-sign-in-off = El inicio de sesión no está configurado en este portal.
error-provider-down = El servicio de inicio de sesión no responde
error-provider-down-text = El servicio de inicio de sesión de su empresa no respondió. Inténtelo de nuevo en un rato.
error-sign-in-denied = No se completó el inicio de sesión
error-sign-in-denied-text = El inicio de sesión se canceló o no se permitió, así que la reunión no puede abrirse. Vuelva a abrir el enlace de la reunión para reintentarlo.
error-sign-in-refused = Este inicio de sesión no se puede completar
error-sign-in-refused-text = Este inicio de sesión no se empezó en este navegador, ya se usó o tardó demasiado. Vuelva a abrir el enlace de la reunión para iniciar sesión de nuevo.
error-sign-in-invalid = No se pudo verificar el inicio de sesión
error-sign-in-invalid-text = Lo que devolvió el servicio de inicio de sesión no era de fiar, así que no se inició su sesión. Avise al operador del portal.
