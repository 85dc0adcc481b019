// Who waits, live, for hosts: the count on their join page and the hosts' list (refetched and
// swapped in); a new knock shows in the tab's title and, after "Enable alerts" (browsers need
// a gesture), plays a short sound and shows a notification.
"use strict";

// The page's words, in its language (see the templates that load this script).
const hostWords = document.currentScript.dataset;
const source = document.querySelector("[data-lobby-events]");
if (source && window.EventSource) {
  const count = document.querySelector("[data-waiting-count]");
  const list = document.getElementById("waiting-list");
  const enable = document.querySelector("[data-enable-alerts]");
  const baseTitle = document.title.replace(/^\(\d+\) /, "");
  let alerts = false;
  let audio;
  let last = -1;

  if (enable) {
    enable.hidden = false;
    enable.addEventListener("click", async () => {
      audio = new AudioContext();
      if (window.Notification && Notification.permission === "default") await Notification.requestPermission();
      alerts = true;
      enable.textContent = hostWords.alertsOn;
      enable.disabled = true;
    });
  }

  const chime = () => {
    if (!audio) return;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
  };

  const refresh = async () => {
    if (!list) return;
    try {
      const response = await fetch(source.dataset.lobbyPage, { credentials: "same-origin" });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("waiting-list");
      if (!fresh) return;
      // Swapped only when someone came or went, keeping what a host was typing and where.
      const tickets = (root) => [...root.querySelectorAll("[data-ticket]")].map((e) => e.dataset.ticket).join();
      if (tickets(fresh) === tickets(list)) return;
      for (const input of fresh.querySelectorAll("input[name=message]")) {
        const typed = document.getElementById(input.id);
        if (typed) input.value = typed.value;
      }
      const focused = document.activeElement && document.activeElement.id;
      list.replaceChildren(...fresh.childNodes);
      if (focused) document.getElementById(focused)?.focus();
    } catch {
      // The next change tries again.
    }
  };

  const events = new EventSource(source.dataset.lobbyEvents);
  events.addEventListener("count", (event) => {
    const waiting = Number(event.data);
    if (count) count.textContent = waiting > 0 ? hostWords.count.replace("{count}", waiting) : "";
    document.title = waiting > 0 ? `(${waiting}) ${baseTitle}` : baseTitle;
    if (waiting > last && last >= 0 && alerts) {
      chime();
      if (window.Notification && Notification.permission === "granted") {
        new Notification(hostWords.knockAlert, { body: baseTitle });
      }
    }
    last = waiting;
    refresh();
  });
}
