// The built-in browsers of social and chat apps (told by their user agents) often cannot give
// a page the camera or microphone: the join page says so and offers the phone's own browser,
// instead of a meeting that cannot start. The notice is made here, so the cached page stays
// small and the same for everyone.
"use strict";
const IN_APP =
  /FBAN|FBAV|FB_IAB|Instagram|LinkedInApp|Snapchat|musical_ly|BytedanceWebview|TikTok|\bLine\/|MicroMessenger|Pinterest|KAKAOTALK|Twitter|; wv\)/i;
const agent = navigator.userAgent;
const bar = document.querySelector(".bar");
if (bar && IN_APP.test(agent)) {
  const here = new URL(location.href);
  const open = document.createElement("a");
  open.textContent = "Open it in your phone's browser";
  open.target = "_blank";
  open.rel = "noopener";
  open.href = here.href;
  if (/Android/i.test(agent)) {
    // Android hands an intent: URL to the default browser.
    const scheme = here.protocol.replace(":", "");
    open.href = `intent://${here.host}${here.pathname}${here.search}#Intent;scheme=${scheme};end`;
  } else if (/iPhone|iPad|iPod/i.test(agent) && here.protocol === "https:") {
    // iOS opens x-safari-https: links in Safari.
    open.href = `x-safari-${here.href}`;
  }
  const notice = document.createElement("p");
  notice.className = "in-app";
  notice.id = "in-app";
  notice.setAttribute("role", "alert");
  notice.append(
    "This app's built-in browser may not let the meeting use your camera and microphone. ",
    open,
    ", or use the app's menu to open the page in your browser.",
  );
  bar.after(notice);
}
