### prebuilt-portal: نصوص صفحات المشاركين، العربية.
###
### REVIEW: written with care from the English catalogue; to be reviewed by a native speaker.
### الصفحات من اليمين إلى اليسار. تبقى المتغيرات ({ $… }) كما هي؛ انظر ملاحظات en.ftl.
### Plural forms: zero, one, two, few, many, other.

## Every page

language-switch = اللغة
way-back-rooms = كل الغرف
way-back-help = مساعدة

## The meeting page

join-page-title = { $room } · الانضمام بصفة { $role }
embed-page-title = { $room } · { $role }
join-you-join-as = تنضم بصفة
join-open-new-tab = فتح في علامة تبويب جديدة
join-signed-in-as = مسجّل الدخول باسم { $person }
sign-out = تسجيل الخروج
meeting-frame-title = الاجتماع: { $room } ({ $role })
join-waiting-room = غرفة الانتظار
lobby-pill-count = : { $count } في الانتظار
in-app-notice = قد لا يسمح المتصفح المدمج في هذا التطبيق للاجتماع باستخدام الكاميرا والميكروفون. { $link }، أو استخدم قائمة التطبيق لفتح الصفحة في متصفحك.
in-app-open = افتحها في متصفح هاتفك

## The index

index-pick-room = اختر غرفة للحصول على روابطها.
index-no-rooms = لا توجد غرف مدرجة هنا. استخدم الرابط الذي تلقيته للانضمام إلى اجتماع.

## The share page

share-title = مشاركة { $room }
share-no-link-signed = ليس لهذه الغرفة رابط يمكن تمريره: لا تُفتح أدوارها إلا بروابط شخصية من المنظّم.
share-no-link-closed = ليس لهذه الغرفة رابط يمكن تمريره: أدوارها غير متاحة للزوار.
share-send-link = أرسل رابطًا إلى من ينبغي أن ينضموا، أو اعرض عليهم رمز QR.
share-other-roles = الأدوار الأخرى، مثل دور المضيف، لا تُفتح إلا بروابط شخصية من المنظّم.
share-join-as = الانضمام بصفة { $role }
share-link = الرابط
share-copy-link = نسخ الرابط
share-open = فتح
share-share = مشاركة
share-embed = التضمين في صفحة ويب
share-snippet = مقتطف HTML
share-copy-snippet = نسخ المقتطف
share-keep-allow = أبقِ على السمة { $allow }: فبدونها تحظر المتصفحات الكاميرا والميكروفون ومشاركة الشاشة داخل الإطار.
share-embeddable-by = المواقع التي يمكنها عرض هذه الصفحة داخل إطار: { $sites }. وفي أي موقع آخر تعرض المتصفحات إطارًا محظورًا بدلًا منها. للسماح بموقع آخر، يضيف مشغّل البوابة عنوانه (مثل { $example }) إلى { $setting }.
share-this-room-setting = { $setting } الخاص بهذه الغرفة
share-scan = امسح الرمز للانضمام بصفة { $role }
share-qr-label = رمز QR لرابط الانضمام إلى { $room } بصفة { $role }
share-site-self = هذه البوابة
share-site-none = لا موقع
share-sites = { $others } و{ $last }
share-copied = نُسخ إلى الحافظة
share-copied-short = نُسخ
share-press-copy = اضغط Ctrl+C
share-selected = تم التحديد: اضغط Ctrl+C للنسخ
share-mail-subject = الانضمام إلى { $room }
share-mail-body = انضم إلى { $room } بصفة { $role }: { $link }

## Invitations

invite-title = دعوة · { $room }
invite-status = دعوة
invite-for = إلى { $name }، للانضمام بصفة { $role }.
invite-you-are-invited = أنت مدعو للانضمام بصفة { $role }.
invite-starts = يبدأ: { $time }.
invite-valid-until = صالحة حتى { $time }.
invite-join = الانضمام إلى الاجتماع
invite-soon-title = يُفتح قريبًا · { $title }
invite-opens = يُفتح الاجتماع { $when }. وستفتحه هذه الصفحة تلقائيًا حينها.
opens-in-minutes = { $minutes ->
    [one] خلال دقيقة واحدة
    [two] خلال دقيقتين
    [few] خلال { $minutes } دقائق
   *[other] خلال { $minutes } دقيقة
}
opens-in-seconds = { $seconds ->
    [one] خلال ثانية واحدة
    [two] خلال ثانيتين
    [few] خلال { $seconds } ثوانٍ
   *[other] خلال { $seconds } ثانية
}
calendar-add = إضافة إلى التقويم
calendar-file = ملف تقويم (.ics)
calendar-subscribe = اشتراك (يتبع التغييرات)
calendar-details = الانضمام إلى الاجتماع: { $link }

## Signing in

sign-in-title = تسجيل الدخول · { $room }
sign-in-heading = سجّل الدخول للانضمام بصفة { $role }
sign-in-button = تسجيل الدخول
sign-in-finish = أكمل تسجيل الدخول في النافذة الجديدة.
sign-in-needed = هذا الدور مخصص لمن سجّلوا الدخول بحساب الشركة.
sign-in-again = انتهت جلستك. سجّل الدخول مجددًا بحساب الشركة للمتابعة.
signed-in-title = تم تسجيل الدخول
signed-in-heading = لقد سجّلت الدخول
signed-in-go-back = ارجع إلى صفحة الاجتماع: إنها تُفتح الآن. يمكنك إغلاق هذه النافذة.
signed-in-continue = المتابعة هنا بدلًا من ذلك
signed-out-title = تم تسجيل الخروج
signed-out-heading = لقد سجّلت الخروج
signed-out-again = ستطلب منك الاجتماعات التي تحتاج إلى تسجيل الدخول ذلك مجددًا.

## The waiting room, for visitors

lobby-status = غرفة الانتظار
lobby-knock-title = طلب الانضمام إلى { $room }
lobby-knock-intro = تنضم بصفة { $role }. هناك من يسمح للناس بالدخول: اطلب الانضمام، ثم أبقِ الصفحة التالية مفتوحة حتى يُسمح لك.
lobby-your-name = اسمك
lobby-name-from-link = هذا الاسم يأتي من رابطك.
lobby-ask = طلب الانضمام
lobby-name-missing = يُرجى كتابة اسمك (100 حرف على الأكثر) ليعرف المضيف من يطلب الانضمام.
lobby-wait-title = في انتظار الانضمام إلى { $room }
lobby-hello = مرحبًا { $name }: لقد طلبت الانضمام بصفة { $role }.
lobby-next = أنت التالي.
lobby-position = ترتيبك في الصف: { $position }.
lobby-host-here = يوجد هنا من يمكنه السماح لك بالدخول.
lobby-host-away = لم يفتح أحد ممن يمكنهم السماح لك بالدخول غرفة الانتظار بعد؛ سيرونك عندما يفتحونها.
lobby-keep-open = أبقِ هذه الصفحة مفتوحة: ستفتح الاجتماع فور السماح لك بالدخول.
lobby-check-now = التحقق الآن
lobby-denied-heading = لم يُسمح لك بالدخول
lobby-denied = رفض الشخص الذي يسمح بالدخول إلى هذا الاجتماع طلبك.
lobby-their-message = رسالته: { $message }
lobby-lapsed-heading = انتهت صلاحية مكانك في غرفة الانتظار
lobby-lapsed = أُغلقت صفحة الانتظار لبعض الوقت، أو انتظرت أطول مما يسمح به هذا الاجتماع. افتح رابط الاجتماع مجددًا لطلب الانضمام.

## The waiting room, for hosts

lobby-hosts-title = في انتظار الانضمام إلى { $room }
lobby-enable-alerts = تفعيل التنبيهات
lobby-alerts-on = التنبيهات مفعّلة
lobby-knock-alert = هناك من ينتظر الانضمام
lobby-nobody = لا أحد ينتظر.
lobby-count = في الانتظار: { $count }، بحسب ترتيب الوصول.
lobby-admit-all = { $count ->
    [one] السماح بالدخول
   *[other] السماح للجميع بالدخول ({ $count })
}
lobby-waited = { $minutes ->
    [0] ينتظر منذ أقل من دقيقة
    [one] ينتظر منذ دقيقة واحدة
    [two] ينتظر منذ دقيقتين
    [few] ينتظر منذ { $minutes } دقائق
   *[other] ينتظر منذ { $minutes } دقيقة
}
lobby-name-bound = الاسم يأتي من رابطه
lobby-admit = السماح بالدخول
lobby-message-to = رسالة إلى { $name }
lobby-message-placeholder = رسالة (اختيارية)
lobby-turn-away = رفض

## Error pages

error-status = خطأ { $status }
error-try-again = حاول مجددًا
error-about = { $room } · الانضمام بصفة { $role }
error-bad-address = في العنوان خطأ: { $reason }.
error-not-granted = الدور { $role } مخصص لمن تتضمن { $claim } لديهم { $values }. لقد سجّلت الدخول، ولكن ليس بصفتك واحدًا منهم: اطلب الوصول من المنظّم، أو سجّل الخروج ثم سجّل الدخول بحساب آخر.
error-link-invalid = هذا الرابط غير صالح
error-address-mistake = في العنوان خطأ.
error-not-found = الصفحة غير موجودة
error-no-page = لا توجد صفحة على هذا العنوان.
error-not-authorised = غير مصرّح
error-needs-admin-token = يتطلب هذا رمز إدارة صالحًا.
error-not-allowed = غير مسموح
error-wrong-method = لا يمكن استخدام هذه الصفحة بهذه الطريقة.
error-request-invalid = هذا الطلب غير صالح
error-request-mistake = في الطلب خطأ.
error-cross-site = غير مسموح من موقع آخر
error-cross-site-text = يعمل هذا الزر على صفحات البوابة نفسها فقط. لم يتغير شيء.
error-something-wrong = حدث خطأ ما
error-internal-text = تعذّر على البوابة عرض هذه الصفحة. يُرجى المحاولة مجددًا؛ وإن تكرر ذلك فأبلغ مشغّل البوابة.
error-unknown-room = غرفة الاجتماع غير موجودة
error-unknown-room-text = لا توجد غرفة اجتماع بهذا الاسم. تحقق من الرابط، أو اطلب رابطًا جديدًا ممن أرسله.
error-unknown-role = الدور غير موجود
error-unknown-role-text = ليس في غرفة الاجتماع هذه دور كهذا. تحقق من الرابط، أو اطلب رابطًا جديدًا ممن أرسله.
error-room-disabled = غرفة الاجتماع هذه مغلقة
error-room-disabled-text = عطّل المنظّم هذه الغرفة، فلا يمكن لأحد الانضمام إليها الآن.
error-role-closed = هذا الدور مغلق
error-role-closed-text = أُوقف رابط هذا الدور في خدمة الاجتماعات. اطلب رابطًا جديدًا من المنظّم.
error-upstream-refused = رفضت خدمة الاجتماعات
error-upstream-refused-text = رفضت خدمة الاجتماعات فتح هذه الغرفة الآن. يُرجى إبلاغ مشغّل البوابة.
error-upstream-down = خدمة الاجتماعات لا تستجيب
error-upstream-down-text = لم تستجب خدمة الفيديو التي تقف خلف هذه الصفحة في الوقت المناسب. يُرجى المحاولة مجددًا بعد بضع ثوانٍ.
error-upstream-failed = واجهت خدمة الاجتماعات مشكلة
error-upstream-failed-text = ردّت خدمة الفيديو التي تقف خلف هذه الصفحة بخطأ. يُرجى المحاولة مجددًا بعد قليل؛ وإن تكرر ذلك فأبلغ مشغّل البوابة.
error-link-expired = انتهت صلاحية هذا الرابط
error-link-expired-text = الرابط الشخصي الذي استخدمته لم يعد صالحًا. اطلب رابطًا جديدًا ممن أرسله.
error-link-revoked = سُحب هذا الرابط
error-link-revoked-text = سحب المنظّم الرابط الشخصي الذي استخدمته. اطلب منه رابطًا جديدًا.
error-link-changed = هذا الرابط معدَّل أو ناقص
error-link-changed-text = الرابط الشخصي الذي فتحته ليس الرابط الذي أنشأه المنظّم: فقد عُدّل شيء فيه، أو قُطع جزء منه عند نسخه. افتح الرابط كما تلقيته تمامًا، أو اطلب رابطًا جديدًا ممن أرسله.
error-link-needed = يحتاج هذا الدور إلى رابط شخصي
error-link-needed-text = يتطلب الانضمام بهذا الدور رابطًا شخصيًا من منظّم الاجتماع. اطلبه منه؛ إذ ينشئ المنظّمون هذه الروابط بواجهة الإدارة البرمجية للبوابة أو بأمر sign.
error-knock = طلب الانضمام
error-knock-text = لهذا الاجتماع مضيف يسمح للناس بالدخول. افتح الرابط مجددًا لطلب الانضمام.
error-unknown-ticket = صفحة الانتظار هذه ليست لك
error-unknown-ticket-text = لا تعمل صفحة من ينتظر الانضمام إلا في المتصفح الذي قدّم الطلب. افتح رابط الاجتماع مجددًا لطلب الانضمام.
error-no-lobby = ليس لهذه الغرفة غرفة انتظار
error-no-lobby-text = لا يمكن إلا لغرفة لها غرفة انتظار أن تجعل مدعوّيها ينتظرون.
error-not-a-host = هذا للمضيفين فقط
error-not-a-host-text = السماح للناس بالدخول من مهام مضيفي الاجتماع: افتح أولًا رابط المضيف الخاص بك، ثم قائمة الانتظار من صفحته.
error-lobby-full = ينتظر عدد كبير جدًا من الأشخاص
error-lobby-full-text = غرفة انتظار هذا الاجتماع ممتلئة الآن. يُرجى المحاولة مجددًا بعد دقيقة.
error-console-token = هذا ليس رمز الإدارة
error-console-token-text = تُفتح وحدة التحكم برمز إدارة البوابة (admin.token). تحقق منه وحاول مجددًا.
error-console-denied = وحدة التحكم غير متاحة لك
error-console-denied-text = لقد سجّلت الدخول، لكن حسابك لا يمنح الوصول إلى وحدة تحكم المشغّل. اطلب ممن يدير البوابة إضافتك إلى مسؤوليها.
error-configured-room = هذه الغرفة محددة في ملف الإعدادات
error-configured-room-text = الغرف المحددة في إعدادات البوابة تُغيَّر هناك، لا هنا.
error-signing-off = الروابط الموقّعة متوقفة
error-signing-off-text = ليس لدى البوابة مفتاح توقيع، لذا لا يمكنها إنشاء روابط شخصية.
error-public-role = لا يحتاج هذا الدور إلى رابط موقّع
error-public-role-text = يمكن لأي شخص لديه الرابط العادي الانضمام بهذا الدور، فلن يغيّر الرابط الموقّع شيئًا.
error-too-many = طلبات كثيرة جدًا
error-too-many-text = فُتحت صفحات كثيرة جدًا من عنوانك في وقت قصير. يُرجى الانتظار لحظة ثم المحاولة مجددًا.
error-token-mint-text = تعذّر على البوابة تجهيز دخولك إلى الاجتماع. يُرجى المحاولة مجددًا؛ وإن تكرر ذلك فأبلغ مشغّل البوابة.
error-unknown-invitation = الدعوة غير موجودة
error-unknown-invitation-text = لا توجد دعوة على هذا العنوان. تحقق من الرابط، أو اطلب رابطًا جديدًا ممن أرسله.
error-invitation-expired = انتهت صلاحية هذه الدعوة
error-invitation-expired-text = لم تعد الدعوة صالحة. اطلب دعوة جديدة ممن أرسلها.
error-invitation-revoked = سُحبت هذه الدعوة
error-invitation-revoked-text = سحب المنظّم هذه الدعوة. اطلب منه دعوة جديدة إن كنت لا تزال بحاجة إلى الانضمام.
error-meeting-ended = انتهى هذا الاجتماع
error-meeting-ended-text = انتهى الاجتماع الذي كانت هذه الدعوة له، لذا لم تعد الدعوة تفتحه.
error-meeting-cancelled = أُلغي هذا الاجتماع
error-meeting-cancelled-text = ألغى المنظّم الاجتماع الذي كانت هذه الدعوة له.
error-not-open-yet = لم يُفتح هذا الاجتماع بعد
error-not-open-yet-text = عد قبل بدئه ببضع دقائق: ستُفتح الدعوة حينها.
error-invitation-used = استُخدمت هذه الدعوة
error-invitation-used-text = استُخدمت الدعوة بالفعل بعدد المرات الذي تسمح به. اطلب دعوة جديدة ممن أرسلها.
error-unknown-event = الحدث غير موجود
error-unknown-event-text = لا يوجد حدث كهذا.
error-not-a-hook = ليس خطاف ويب
error-not-a-hook-text = يستقبل هذا العنوان خطافات الويب من 100ms.
error-bad-schedule = هذه الأوقات لا تشكّل اجتماعًا
error-bad-schedule-text = تحقق من بداية الحدث ونهايته ومنطقته الزمنية.
error-event-cancelled-text = ألغى المنظّم هذا الاجتماع.
error-no-calendar = لا توجد دعوة تقويم لإرسالها
error-no-calendar-text = تحتاج دعوة التقويم إلى عنواني البريد الإلكتروني للمنظّم وللمدعو.
error-busy = البوابة مشغولة
error-busy-text = تعذّر على البوابة الوصول إلى سجلاتها الآن. يُرجى المحاولة مجددًا بعد بضع ثوانٍ.
error-sign-in = يُرجى تسجيل الدخول
error-not-granted-title = هذا الدور ليس لحسابك
error-not-granted-text = لقد سجّلت الدخول، لكن حسابك لا يملك ما يتطلبه هذا الدور.
error-sign-in-off = تسجيل الدخول غير مُعدّ في هذه البوابة.
error-provider-down = خدمة تسجيل الدخول لا تستجيب
error-provider-down-text = لم تستجب خدمة تسجيل الدخول في شركتك. يُرجى المحاولة مجددًا بعد قليل.
error-sign-in-denied = لم يكتمل تسجيل الدخول
error-sign-in-denied-text = أُلغي تسجيل الدخول أو لم يُسمح به، لذا لا يمكن فتح الاجتماع. افتح رابط الاجتماع مجددًا لإعادة المحاولة.
error-sign-in-refused = لا يمكن إكمال تسجيل الدخول هذا
error-sign-in-refused-text = لم يبدأ تسجيل الدخول هذا في هذا المتصفح، أو استُخدم من قبل، أو استغرق وقتًا طويلًا. افتح رابط الاجتماع مجددًا لتسجيل الدخول من جديد.
error-sign-in-invalid = تعذّر التحقق من تسجيل الدخول
error-sign-in-invalid-text = لم يكن ما أعادته خدمة تسجيل الدخول جديرًا بالثقة، لذا لم يُسجَّل دخولك. يُرجى إبلاغ مشغّل البوابة.
