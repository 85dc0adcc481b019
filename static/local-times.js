// Shows each <time datetime="…"> in the visitor's own time zone, in the page's language;
// without script the page shows the event's zone (or UTC).
"use strict";
for (const element of document.querySelectorAll("time[datetime]")) {
  const at = new Date(element.getAttribute("datetime"));
  if (Number.isNaN(at.getTime())) continue;
  element.title = element.textContent;
  element.textContent = at.toLocaleString(document.documentElement.lang || undefined, {
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
}
