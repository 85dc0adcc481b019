// Share page enhancements; without script the links stay selectable and "Share" opens e-mail.
"use strict";

// The page's words, in its language (see templates/share.html).
const shareWords = document.currentScript.dataset;

const announce = (text) => {
  const region = document.getElementById("announce");
  if (region) region.textContent = text;
};

for (const button of document.querySelectorAll("button[data-copy]")) {
  const label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const field = document.getElementById(button.dataset.copy);
    if (!field) return;
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = shareWords.copiedShort;
      announce(shareWords.copied);
    } catch {
      field.select();
      button.textContent = shareWords.pressCopy;
      announce(shareWords.selected);
    }
    setTimeout(() => { button.textContent = label; }, 2000);
  });
}

if (navigator.share) {
  for (const link of document.querySelectorAll("a[data-share-url]")) {
    link.addEventListener("click", async (event) => {
      event.preventDefault();
      try {
        await navigator.share({ title: link.dataset.shareTitle, url: link.dataset.shareUrl });
      } catch {
        // Dismissed by the person sharing: nothing to do.
      }
    });
  }
}
