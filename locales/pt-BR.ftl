### prebuilt-portal: os textos das páginas para participantes, português do Brasil.
###
### REVIEW: written with care from the English catalogue; to be reviewed by a native speaker.
### Tratamento por «você». As variáveis ({ $… }) ficam como estão; veja as notas de en.ftl.

## Every page

language-switch = Idioma
way-back-rooms = Todas as salas
way-back-help = Ajuda

## The meeting page

join-page-title = { $room } · entrar como { $role }
embed-page-title = { $room } · { $role }
join-you-join-as = Você entra como
join-open-new-tab = Abrir em nova aba
join-signed-in-as = Conectado como { $person }
sign-out = Sair
meeting-frame-title = Reunião: { $room } ({ $role })
join-waiting-room = Sala de espera
lobby-pill-count = : { $count } aguardando
in-app-notice = O navegador embutido deste aplicativo pode não deixar a reunião usar sua câmera e seu microfone. { $link }, ou use o menu do aplicativo para abrir a página no seu navegador.
in-app-open = Abra no navegador do seu celular

## The index

index-pick-room = Escolha uma sala para ver os links dela.
index-no-rooms = Nenhuma sala está listada aqui. Use o link que você recebeu para entrar em uma reunião.

## The share page

share-title = Compartilhar { $room }
share-no-link-signed = Esta sala não tem um link que possa ser repassado: os papéis dela só abrem com links pessoais do organizador.
share-no-link-closed = Esta sala não tem um link que possa ser repassado: os papéis dela não estão abertos a visitantes.
share-send-link = Envie um link para as pessoas que devem participar, ou mostre a elas o QR code.
share-other-roles = Outros papéis, como o do anfitrião, só abrem com links pessoais do organizador.
share-join-as = Entrar como { $role }
share-link = Link
share-copy-link = Copiar link
share-open = Abrir
share-share = Compartilhar
share-embed = Incorporar em uma página da web
share-snippet = Trecho de HTML
share-copy-snippet = Copiar trecho
share-keep-allow = Mantenha o atributo { $allow }: sem ele, os navegadores bloqueiam a câmera, o microfone e o compartilhamento de tela dentro do quadro.
share-embeddable-by = Sites que podem mostrar esta página em um quadro: { $sites }. Em qualquer outro, os navegadores mostram um quadro bloqueado. Para permitir outro site, o operador do portal adiciona o endereço dele (como { $example }) a { $setting }.
share-this-room-setting = { $setting } desta sala
share-scan = Escaneie para entrar como { $role }
share-qr-label = QR code do link para entrar em { $room } como { $role }
share-site-self = este portal
share-site-none = nenhum site
share-sites = { $others } e { $last }
share-copied = Copiado para a área de transferência
share-copied-short = Copiado
share-press-copy = Pressione Ctrl+C
share-selected = Selecionado: pressione Ctrl+C para copiar
share-mail-subject = Entrar em { $room }
share-mail-body = Entre em { $room } como { $role }: { $link }

## Invitations

invite-title = Convite · { $room }
invite-status = Convite
invite-for = Para { $name }, para entrar como { $role }.
invite-you-are-invited = Você foi convidado a entrar como { $role }.
invite-starts = Começa: { $time }.
invite-valid-until = Válido até { $time }.
invite-join = Entrar na reunião
invite-soon-title = Abre em breve · { $title }
invite-opens = A reunião abre { $when }. Esta página vai abri-la sozinha nessa hora.
opens-in-minutes = { $minutes ->
    [one] em um minuto
   *[other] em { $minutes } minutos
}
opens-in-seconds = { $seconds ->
    [one] em um segundo
   *[other] em { $seconds } segundos
}
calendar-add = Adicionar à agenda
calendar-file = Arquivo de agenda (.ics)
calendar-subscribe = Assinar (acompanha as mudanças)
calendar-details = Entrar na reunião: { $link }

## Signing in

sign-in-title = Entrar · { $room }
sign-in-heading = Faça login para entrar como { $role }
sign-in-button = Fazer login
sign-in-finish = Termine o login na nova janela.
sign-in-needed = Este papel é para pessoas conectadas com a conta da empresa.
sign-in-again = Sua sessão terminou. Faça login de novo com a conta da empresa para continuar.
signed-in-title = Conectado
signed-in-heading = Você está conectado
signed-in-go-back = Volte para a página da reunião: ela abre agora. Você pode fechar esta janela.
signed-in-continue = Continuar aqui
signed-out-title = Desconectado
signed-out-heading = Você saiu
signed-out-again = Reuniões que pedem login vão pedir de novo.

## The waiting room, for visitors

lobby-status = Sala de espera
lobby-knock-title = Pedir para entrar em { $room }
lobby-knock-intro = Você entra como { $role }. Alguém deixa as pessoas entrarem: peça para entrar e mantenha a próxima página aberta até deixarem você entrar.
lobby-your-name = Seu nome
lobby-name-from-link = Seu link define este nome.
lobby-ask = Pedir para entrar
lobby-name-missing = Digite seu nome (no máximo 100 caracteres), para o anfitrião saber quem está pedindo.
lobby-wait-title = Aguardando para entrar em { $room }
lobby-hello = Olá, { $name }: você pediu para entrar como { $role }.
lobby-next = Você é o próximo.
lobby-position = Você é o número { $position } na fila.
lobby-host-here = Alguém que pode deixar você entrar está aqui.
lobby-host-away = Ninguém que possa deixar você entrar abriu a sala de espera ainda; vão ver você quando abrirem.
lobby-keep-open = Mantenha esta página aberta: ela abre a reunião assim que deixarem você entrar.
lobby-check-now = Verificar agora
lobby-denied-heading = Sua entrada não foi permitida
lobby-denied = A pessoa que deixa as pessoas entrarem nesta reunião recusou seu pedido.
lobby-their-message = Mensagem: { $message }
lobby-lapsed-heading = Seu lugar na sala de espera expirou
lobby-lapsed = A página de espera ficou fechada por um tempo, ou você esperou mais do que esta reunião permite. Abra o link da reunião de novo para pedir para entrar.

## The waiting room, for hosts

lobby-hosts-title = Aguardando para entrar em { $room }
lobby-enable-alerts = Ativar alertas
lobby-alerts-on = Alertas ativados
lobby-knock-alert = Alguém está esperando para entrar
lobby-nobody = Ninguém está esperando.
lobby-count = { $count ->
    [one] Uma pessoa está esperando.
   *[other] { $count } pessoas estão esperando, por ordem de chegada.
}
lobby-admit-all = { $count ->
    [one] Deixar entrar
   *[other] Deixar as { $count } entrarem
}
lobby-waited = { $minutes ->
    [0] Esperando há menos de um minuto
    [one] Esperando há um minuto
   *[other] Esperando há { $minutes } minutos
}
lobby-name-bound = o nome vem do link da pessoa
lobby-admit = Deixar entrar
lobby-message-to = Mensagem para { $name }
lobby-message-placeholder = Mensagem (opcional)
lobby-turn-away = Recusar

## Error pages

error-status = Erro { $status }
error-try-again = Tentar de novo
error-about = { $room } · como { $role }
error-bad-address = O endereço tem um erro: { $reason }.
error-not-granted = O papel { $role } é para pessoas cujo { $claim } inclui { $values }. Você está conectado, mas não como uma delas: peça acesso ao organizador, ou saia e entre com outra conta.
error-link-invalid = Este link não é válido
error-address-mistake = O endereço tem um erro.
error-not-found = Página não encontrada
error-no-page = Não há nenhuma página neste endereço.
error-not-authorised = Não autorizado
error-needs-admin-token = É preciso um token de administração válido.
error-not-allowed = Não permitido
error-wrong-method = Esta página não pode ser usada assim.
error-request-invalid = Esta solicitação não é válida
error-request-mistake = A solicitação tem um erro.
error-cross-site = Não permitido a partir de outro site
error-cross-site-text = Este botão só funciona nas páginas do próprio portal. Nada foi alterado.
error-something-wrong = Algo deu errado
error-internal-text = O portal não conseguiu mostrar esta página. Tente de novo; se continuar acontecendo, avise o operador do portal.
error-unknown-room = Sala de reunião não encontrada
error-unknown-room-text = Não há nenhuma sala de reunião com este nome. Confira o link, ou peça um novo a quem o enviou.
error-unknown-role = Papel não encontrado
error-unknown-role-text = Esta sala de reunião não tem esse papel. Confira o link, ou peça um novo a quem o enviou.
error-room-disabled = Esta sala de reunião está fechada
error-room-disabled-text = O organizador desativou esta sala, então ninguém pode entrar agora.
error-role-closed = Este papel está fechado
error-role-closed-text = O link deste papel foi desativado no serviço de reuniões. Peça um novo ao organizador.
error-upstream-refused = O serviço de reuniões recusou
error-upstream-refused-text = O serviço de reuniões se recusou a abrir esta sala agora. Avise o operador do portal.
error-upstream-down = O serviço de reuniões não está respondendo
error-upstream-down-text = O serviço de vídeo por trás desta página não respondeu a tempo. Tente de novo em alguns segundos.
error-upstream-failed = O serviço de reuniões teve um problema
error-upstream-failed-text = O serviço de vídeo por trás desta página respondeu com um erro. Tente de novo daqui a pouco; se continuar acontecendo, avise o operador do portal.
error-link-expired = Este link expirou
error-link-expired-text = O link pessoal que você usou não é mais válido. Peça um novo a quem o enviou.
error-link-revoked = Este link foi retirado
error-link-revoked-text = O organizador retirou o link pessoal que você usou. Peça um novo a ele.
error-link-changed = Este link foi alterado ou está incompleto
error-link-changed-text = O link pessoal que você abriu não é o que o organizador criou: algo nele foi alterado, ou uma parte foi cortada ao copiar. Abra o link exatamente como o recebeu, ou peça um novo a quem o enviou.
error-link-needed = Este papel precisa de um link pessoal
error-link-needed-text = Para entrar com este papel é preciso um link pessoal do organizador da reunião. Peça um a ele; os organizadores criam esses links com a API de administração do portal ou com o comando «sign».
error-knock = Pedir para entrar
error-knock-text = Esta reunião tem um anfitrião que deixa as pessoas entrarem. Abra o link de novo para pedir para entrar.
error-unknown-ticket = Esta página de espera não é sua
error-unknown-ticket-text = A página de quem espera para entrar só funciona no navegador que fez o pedido. Abra o link da reunião de novo para pedir para entrar.
error-no-lobby = Esta sala não tem sala de espera
error-no-lobby-text = Só uma sala com sala de espera pode fazer seus convidados esperarem.
error-not-a-host = Só anfitriões podem fazer isso
error-not-a-host-text = Deixar as pessoas entrarem é tarefa dos anfitriões da reunião: abra primeiro seu próprio link de anfitrião e, na página dele, a lista de espera.
error-lobby-full = Há pessoas demais esperando
error-lobby-full-text = A sala de espera desta reunião está cheia agora. Tente de novo em um minuto.
error-console-token = Este não é o token de administração
error-console-token-text = O console abre com o token de administração do portal (admin.token). Confira-o e tente de novo.
error-console-denied = O console não está aberto para você
error-console-denied-text = Você está conectado, mas sua conta não dá acesso ao console do operador. Peça a quem administra o portal para incluir você entre os administradores.
error-configured-room = Esta sala está definida no arquivo de configuração
error-configured-room-text = Salas definidas na configuração do portal são alteradas lá, não aqui.
error-signing-off = Os links assinados estão desativados
error-signing-off-text = O portal não tem chave de assinatura, então não pode criar links pessoais.
error-public-role = Este papel não precisa de link assinado
error-public-role-text = Qualquer pessoa com o link simples pode entrar com este papel; um link assinado não mudaria nada.
error-too-many = Solicitações demais
error-too-many-text = Páginas demais foram abertas a partir do seu endereço em pouco tempo. Espere um momento e tente de novo.
error-token-mint-text = O portal não conseguiu preparar sua entrada na reunião. Tente de novo; se continuar acontecendo, avise o operador do portal.
error-unknown-invitation = Convite não encontrado
error-unknown-invitation-text = Não há nenhum convite neste endereço. Confira o link, ou peça um novo a quem o enviou.
error-invitation-expired = Este convite expirou
error-invitation-expired-text = O convite não é mais válido. Peça um novo a quem o enviou.
error-invitation-revoked = Este convite foi retirado
error-invitation-revoked-text = O organizador retirou este convite. Peça um novo a ele se ainda precisar entrar.
error-meeting-ended = Esta reunião terminou
error-meeting-ended-text = A reunião deste convite já acabou, então o convite não a abre mais.
error-meeting-cancelled = Esta reunião foi cancelada
error-meeting-cancelled-text = O organizador cancelou a reunião deste convite.
error-not-open-yet = Esta reunião ainda não abriu
error-not-open-yet-text = Volte alguns minutos antes do início: o convite abre nessa hora.
error-invitation-used = Este convite já foi usado
error-invitation-used-text = O convite já foi usado tantas vezes quanto permite. Peça um novo a quem o enviou.
error-unknown-event = Evento não encontrado
error-unknown-event-text = Esse evento não existe.
error-not-a-hook = Não é um webhook
error-not-a-hook-text = Este endereço recebe os webhooks da 100ms.
error-bad-schedule = Estes horários não formam uma reunião
error-bad-schedule-text = Confira o início, o fim e o fuso horário do evento.
error-event-cancelled-text = O organizador cancelou esta reunião.
error-no-calendar = Nenhum convite de agenda para enviar
error-no-calendar-text = Um convite de agenda precisa dos endereços de e-mail do organizador e da pessoa convidada.
error-busy = O portal está ocupado
error-busy-text = O portal não conseguiu acessar os registros agora. Tente de novo em alguns segundos.
error-sign-in = Faça login
error-not-granted-title = Este papel não é para a sua conta
error-not-granted-text = Você está conectado, mas sua conta não tem o que este papel exige.
error-sign-in-off = O login não está configurado neste portal.
error-provider-down = O serviço de login não está respondendo
error-provider-down-text = O serviço de login da sua empresa não respondeu. Tente de novo daqui a pouco.
error-sign-in-denied = O login não foi concluído
error-sign-in-denied-text = O login foi cancelado ou não foi permitido, então a reunião não pode abrir. Abra o link da reunião de novo para tentar outra vez.
error-sign-in-refused = Este login não pode ser concluído
error-sign-in-refused-text = Este login não foi iniciado neste navegador, já foi usado ou demorou demais. Abra o link da reunião de novo para fazer login outra vez.
error-sign-in-invalid = Não foi possível verificar o login
error-sign-in-invalid-text = A resposta do serviço de login não era confiável, então você não foi conectado. Avise o operador do portal.
