// The sign-in window of an embedded page: tell the page that opened it, then close.
"use strict";

if (window.opener && !window.opener.closed) {
  window.opener.postMessage("prebuilt-portal:signed-in", location.origin);
  window.close();
}
