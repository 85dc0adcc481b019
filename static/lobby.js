// The waiting page, live: Server-Sent Events, else polling every 3 s (without script the page
// refreshes itself). Let in, the page reloads into the meeting; anything else final, it shows.
"use strict";

const card = document.querySelector("[data-ticket-events]");
if (card) {
  const position = document.getElementById("wait-position");
  const host = document.getElementById("host-status");
  const show = (ticket) => {
    if (ticket.state !== "waiting") {
      location.reload();
      return true;
    }
    if (position) {
      position.textContent =
        ticket.position === 1 ? position.dataset.next : position.dataset.position.replace("{position}", ticket.position);
    }
    if (host) {
      host.textContent = ticket.host_present ? host.dataset.here : host.dataset.away;
    }
    return false;
  };
  const poll = () => {
    const timer = setInterval(async () => {
      try {
        const response = await fetch(card.dataset.ticketState, { credentials: "same-origin" });
        if (response.ok && show(await response.json())) clearInterval(timer);
        if (response.status === 404 || response.status === 410) location.reload();
      } catch {
        // Offline for a moment: the next poll tries again.
      }
    }, 3000);
  };
  if (window.EventSource) {
    const events = new EventSource(card.dataset.ticketEvents);
    events.addEventListener("state", (event) => {
      if (show(JSON.parse(event.data))) events.close();
    });
    events.onerror = () => {
      if (events.readyState === EventSource.CLOSED) poll();
    };
  } else {
    poll();
  }
}
