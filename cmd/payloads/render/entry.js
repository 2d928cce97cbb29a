// The Discord message components, bundled into components.js for a page
// opened from disk.
import '@skyra/discord-components-core';
