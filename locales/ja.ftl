### prebuilt-portal：参加者向けページの文言（日本語）。
###
### REVIEW: written with care from the English catalogue; to be reviewed by a native speaker.
### 丁寧語（です・ます）。変数（{ $… }）はそのまま残します。en.ftl の注意書きも参照。

## Every page

language-switch = 言語
way-back-rooms = すべてのルーム
way-back-help = ヘルプ

## The meeting page

join-page-title = { $room } · { $role } として参加
embed-page-title = { $room } · { $role }
join-you-join-as = 参加時のロール
join-open-new-tab = 新しいタブで開く
join-signed-in-as = { $person } としてサインイン中
sign-out = サインアウト
meeting-frame-title = ミーティング：{ $room }（{ $role }）
join-waiting-room = 待合室
lobby-pill-count = ：{ $count } 人待機中
in-app-notice = このアプリの内蔵ブラウザーでは、ミーティングでカメラとマイクを使えない場合があります。{ $link }か、アプリのメニューからブラウザーでページを開いてください。
in-app-open = スマートフォンのブラウザーで開く

## The index

index-pick-room = ルームを選ぶと、そのリンクが表示されます。
index-no-rooms = ここに表示されているルームはありません。受け取ったリンクからミーティングに参加してください。

## The share page

share-title = { $room } を共有
share-no-link-signed = このルームには、他の人に渡せるリンクがありません。ロールは主催者からの個人用リンクでのみ開きます。
share-no-link-closed = このルームには、他の人に渡せるリンクがありません。ロールは訪問者に公開されていません。
share-send-link = 参加する人にリンクを送るか、QR コードを見せてください。
share-other-roles = ホストなどのほかのロールは、主催者からの個人用リンクでのみ開きます。
share-join-as = { $role } として参加
share-link = リンク
share-copy-link = リンクをコピー
share-open = 開く
share-share = 共有
share-embed = ウェブページに埋め込む
share-snippet = HTML スニペット
share-copy-snippet = スニペットをコピー
share-keep-allow = { $allow } 属性は残してください。これがないと、ブラウザーはフレーム内のカメラ、マイク、画面共有をブロックします。
share-embeddable-by = このページをフレーム内に表示できるサイト：{ $sites }。それ以外では、ブラウザーはブロックされたフレームを表示します。別のサイトを許可するには、ポータルの運用者がそのアドレス（例：{ $example }）を { $setting } に追加します。
share-this-room-setting = このルームの { $setting }
share-scan = スキャンして { $role } として参加
share-qr-label = { $room } に { $role } として参加するリンクの QR コード
share-site-self = このポータル
share-site-none = なし
share-sites = { $others }、{ $last }
share-copied = クリップボードにコピーしました
share-copied-short = コピーしました
share-press-copy = Ctrl+C を押してください
share-selected = 選択しました：Ctrl+C を押してコピーしてください
share-mail-subject = { $room } に参加
share-mail-body = { $role } として { $room } に参加してください：{ $link }

## Invitations

invite-title = 招待 · { $room }
invite-status = 招待
invite-for = { $name } さんへ：{ $role } として参加できます。
invite-you-are-invited = { $role } として参加するよう招待されています。
invite-starts = 開始：{ $time }
invite-valid-until = 有効期限：{ $time }
invite-join = ミーティングに参加
invite-soon-title = まもなく開始 · { $title }
invite-opens = ミーティングは{ $when }に開きます。その時刻になると、このページが自動で開きます。
opens-in-minutes = { $minutes ->
   *[other] { $minutes } 分後
}
opens-in-seconds = { $seconds ->
   *[other] { $seconds } 秒後
}
calendar-add = カレンダーに追加
calendar-file = カレンダーファイル（.ics）
calendar-subscribe = 購読（変更に追従）
calendar-details = ミーティングに参加：{ $link }

## Signing in

sign-in-title = サインイン · { $room }
sign-in-heading = { $role } として参加するにはサインインしてください
sign-in-button = サインイン
sign-in-finish = 新しいウィンドウでサインインを完了してください。
sign-in-needed = このロールは、会社のアカウントでサインインした人のためのものです。
sign-in-again = セッションが終了しました。続けるには、会社のアカウントでもう一度サインインしてください。
signed-in-title = サインイン済み
signed-in-heading = サインインしました
signed-in-go-back = ミーティングのページに戻ってください。ページはすぐに開きます。このウィンドウは閉じてかまいません。
signed-in-continue = ここで続ける
signed-out-title = サインアウト済み
signed-out-heading = サインアウトしました
signed-out-again = サインインが必要なミーティングでは、もう一度サインインを求められます。

## The waiting room, for visitors

lobby-status = 待合室
lobby-knock-title = { $room } への参加をリクエスト
lobby-knock-intro = { $role } として参加します。入室はホストが許可します。参加をリクエストし、許可されるまで次のページを開いたままにしてください。
lobby-your-name = お名前
lobby-name-from-link = この名前はリンクで指定されています。
lobby-ask = 参加をリクエスト
lobby-name-missing = ホストが誰からのリクエストか分かるよう、お名前（100 文字以内）を入力してください。
lobby-wait-title = { $room } への参加を待っています
lobby-hello = { $name } さん、{ $role } としての参加をリクエストしました。
lobby-next = 次があなたの番です。
lobby-position = あなたは { $position } 番目です。
lobby-host-here = 入室を許可できる人がいます。
lobby-host-away = 入室を許可できる人はまだ待合室を開いていません。開くとあなたが表示されます。
lobby-keep-open = このページを開いたままにしてください。許可されるとすぐにミーティングが開きます。
lobby-check-now = 今すぐ確認
lobby-denied-heading = 入室は許可されませんでした
lobby-denied = このミーティングの入室を管理する人が、あなたのリクエストを断りました。
lobby-their-message = メッセージ：{ $message }
lobby-lapsed-heading = 待合室での順番が無効になりました
lobby-lapsed = 待機ページがしばらく閉じられていたか、このミーティングで許される時間より長く待ちました。もう一度ミーティングのリンクを開いて、参加をリクエストしてください。

## The waiting room, for hosts

lobby-hosts-title = { $room } への参加待ち
lobby-enable-alerts = 通知を有効にする
lobby-alerts-on = 通知オン
lobby-knock-alert = 参加を待っている人がいます
lobby-nobody = 待っている人はいません。
lobby-count = { $count ->
   *[other] { $count } 人が待っています（到着順）。
}
lobby-admit-all = { $count ->
    [1] 入室を許可
   *[other] { $count } 人全員の入室を許可
}
lobby-waited = { $minutes ->
    [0] 待ち時間 1 分未満
   *[other] 待ち時間 { $minutes } 分
}
lobby-name-bound = 名前はリンクで指定
lobby-admit = 入室を許可
lobby-message-to = { $name } さんへのメッセージ
lobby-message-placeholder = メッセージ（任意）
lobby-turn-away = 断る

## Error pages

error-status = エラー { $status }
error-try-again = もう一度試す
error-about = { $room } · { $role } として参加
error-bad-address = アドレスに誤りがあります：{ $reason }。
error-not-granted = { $role } ロールは、{ $claim } に { $values } を含む人のためのものです。サインインしていますが、その対象ではありません。主催者にアクセスを依頼するか、サインアウトして別のアカウントでサインインしてください。
error-link-invalid = このリンクは無効です
error-address-mistake = アドレスに誤りがあります。
error-not-found = ページが見つかりません
error-no-page = このアドレスにはページがありません。
error-not-authorised = 権限がありません
error-needs-admin-token = 有効な管理トークンが必要です。
error-not-allowed = 許可されていません
error-wrong-method = このページはその方法では使えません。
error-request-invalid = このリクエストは無効です
error-request-mistake = リクエストに誤りがあります。
error-cross-site = 別のサイトからは許可されていません
error-cross-site-text = このボタンはポータル自身のページでのみ機能します。何も変更されていません。
error-something-wrong = 問題が発生しました
error-internal-text = ポータルがこのページを表示できませんでした。もう一度お試しください。繰り返し起きる場合は、ポータルの運用者にお知らせください。
error-unknown-room = ミーティングルームが見つかりません
error-unknown-room-text = この名前のミーティングルームはありません。リンクを確認するか、送ってくれた人に新しいリンクを依頼してください。
error-unknown-role = ロールが見つかりません
error-unknown-role-text = このミーティングルームにそのロールはありません。リンクを確認するか、送ってくれた人に新しいリンクを依頼してください。
error-room-disabled = このミーティングルームは閉じています
error-room-disabled-text = 主催者がこのルームを無効にしたため、現在は誰も参加できません。
error-role-closed = このロールは閉じています
error-role-closed-text = このロールのリンクはミーティングサービスで無効にされました。主催者に新しいリンクを依頼してください。
error-upstream-refused = ミーティングサービスが拒否しました
error-upstream-refused-text = ミーティングサービスが現在このルームを開くことを拒否しました。ポータルの運用者にお知らせください。
error-upstream-down = ミーティングサービスが応答しません
error-upstream-down-text = このページの背後にあるビデオサービスが時間内に応答しませんでした。数秒後にもう一度お試しください。
error-upstream-failed = ミーティングサービスで問題が発生しました
error-upstream-failed-text = このページの背後にあるビデオサービスがエラーを返しました。しばらくしてからもう一度お試しください。繰り返し起きる場合は、ポータルの運用者にお知らせください。
error-link-expired = このリンクは期限切れです
error-link-expired-text = 使用した個人用リンクは有効期限が切れています。送ってくれた人に新しいリンクを依頼してください。
error-link-revoked = このリンクは取り消されました
error-link-revoked-text = 使用した個人用リンクは主催者によって取り消されました。新しいリンクを依頼してください。
error-link-changed = このリンクは変更されているか、不完全です
error-link-changed-text = 開いた個人用リンクは主催者が作成したものと異なります。一部が変更されたか、コピーの際に途中で切れた可能性があります。受け取ったとおりにリンクを開くか、送ってくれた人に新しいリンクを依頼してください。
error-link-needed = このロールには個人用リンクが必要です
error-link-needed-text = このロールで参加するには、ミーティングの主催者からの個人用リンクが必要です。主催者に依頼してください。主催者はポータルの管理 API または sign コマンドでリンクを作成します。
error-knock = 参加をリクエスト
error-knock-text = このミーティングでは、ホストが入室を許可します。もう一度リンクを開いて、参加をリクエストしてください。
error-unknown-ticket = この待機ページはあなたのものではありません
error-unknown-ticket-text = 参加を待つ人のページは、リクエストしたブラウザーでのみ機能します。もう一度ミーティングのリンクを開いて、参加をリクエストしてください。
error-no-lobby = このルームには待合室がありません
error-no-lobby-text = 招待した人を待たせることができるのは、待合室のあるルームだけです。
error-not-a-host = これはホストのみが行えます
error-not-a-host-text = 入室の許可はミーティングのホストが行います。まず自分のホスト用リンクを開き、そのページから待機リストを開いてください。
error-lobby-full = 待っている人が多すぎます
error-lobby-full-text = このミーティングの待合室は現在満員です。1 分後にもう一度お試しください。
error-console-token = 管理トークンが正しくありません
error-console-token-text = コンソールはポータルの管理トークン（admin.token）で開きます。確認してもう一度お試しください。
error-console-denied = コンソールを利用する権限がありません
error-console-denied-text = サインインしていますが、このアカウントには運用者コンソールの権限がありません。ポータルの管理者に追加を依頼してください。
error-configured-room = このルームは設定ファイルで定義されています
error-configured-room-text = ポータルの設定で定義されたルームは、ここではなく設定で変更します。
error-signing-off = 署名付きリンクは無効です
error-signing-off-text = ポータルに署名鍵がないため、個人用リンクを作成できません。
error-public-role = このロールに署名付きリンクは不要です
error-public-role-text = このロールには通常のリンクで誰でも参加できるため、署名付きリンクは意味がありません。
error-too-many = リクエストが多すぎます
error-too-many-text = 短時間にあなたのアドレスから多くのページが開かれました。少し待ってからもう一度お試しください。
error-token-mint-text = ポータルがミーティングへの参加を準備できませんでした。もう一度お試しください。繰り返し起きる場合は、ポータルの運用者にお知らせください。
error-unknown-invitation = 招待が見つかりません
error-unknown-invitation-text = このアドレスには招待がありません。リンクを確認するか、送ってくれた人に新しいリンクを依頼してください。
error-invitation-expired = この招待は期限切れです
error-invitation-expired-text = この招待はもう有効ではありません。送ってくれた人に新しい招待を依頼してください。
error-invitation-revoked = この招待は取り消されました
error-invitation-revoked-text = 主催者がこの招待を取り消しました。まだ参加が必要な場合は、新しい招待を依頼してください。
error-meeting-ended = このミーティングは終了しました
error-meeting-ended-text = この招待の対象だったミーティングは終了したため、招待ではもう開けません。
error-meeting-cancelled = このミーティングは中止されました
error-meeting-cancelled-text = 主催者が、この招待の対象だったミーティングを中止しました。
error-not-open-yet = このミーティングはまだ開いていません
error-not-open-yet-text = 開始の数分前にもう一度お越しください。その時に招待が開きます。
error-invitation-used = この招待は使用済みです
error-invitation-used-text = この招待は許可された回数まですでに使われています。送ってくれた人に新しい招待を依頼してください。
error-unknown-event = イベントが見つかりません
error-unknown-event-text = そのようなイベントはありません。
error-not-a-hook = Webhook ではありません
error-not-a-hook-text = このアドレスは 100ms の Webhook を受け取ります。
error-bad-schedule = この時刻ではミーティングになりません
error-bad-schedule-text = イベントの開始、終了、タイムゾーンを確認してください。
error-event-cancelled-text = 主催者がこのミーティングを中止しました。
error-no-calendar = 送信するカレンダー招待がありません
error-no-calendar-text = カレンダー招待には、主催者と招待された人のメールアドレスが必要です。
error-busy = ポータルが混み合っています
error-busy-text = ポータルが現在記録にアクセスできませんでした。数秒後にもう一度お試しください。
error-sign-in = サインインしてください
error-not-granted-title = このロールはあなたのアカウントでは使えません
error-not-granted-text = サインインしていますが、このアカウントにはこのロールに必要な権限がありません。
error-sign-in-off = このポータルではサインインが設定されていません。
error-provider-down = サインインサービスが応答しません
error-provider-down-text = 会社のサインインサービスが応答しませんでした。しばらくしてからもう一度お試しください。
error-sign-in-denied = サインインが完了しませんでした
error-sign-in-denied-text = サインインがキャンセルされたか許可されなかったため、ミーティングを開けません。もう一度ミーティングのリンクを開いてやり直してください。
error-sign-in-refused = このサインインは完了できません
error-sign-in-refused-text = このサインインはこのブラウザーで開始されたものではないか、すでに使われたか、時間がかかりすぎました。もう一度ミーティングのリンクを開いてサインインし直してください。
error-sign-in-invalid = サインインを確認できませんでした
error-sign-in-invalid-text = サインインサービスから返された内容が信頼できなかったため、サインインしませんでした。ポータルの運用者にお知らせください。
