/**
 * TeamChat's only door to ahakit. Every call goes through the queued global that
 * index.html defines, so calls made before /ahakit.js loads are replayed, and TeamChat works
 * exactly the same when the script never loads (collector down, script blocked).
 *
 * @example track('channel_created', { channelId: 'ch_1', name: 'design' });
 */

let warned = false;

function call(method, ...args) {
  try {
    const ahakit = window.ahakit;
    if (typeof ahakit === 'function') ahakit(method, ...args);
  } catch (error) {
    // Analytics must never break the product; one warning is enough to debug it.
    if (!warned) console.warn('[teamchat] analytics call failed; TeamChat keeps working.', error);
    warned = true;
  }
}

/** Drops undefined and null values, so traits never carry empty keys. */
function compact(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value != null));
}

export function identify(userId, traits) {
  call('identify', userId, compact(traits));
}

export function group(workspaceId, traits) {
  call('group', workspaceId, compact(traits));
}

export function track(event, properties = {}) {
  call('track', event, compact(properties));
}

export function usage(metric, used, limit) {
  call('usage', metric, used, limit);
}

export function reset() {
  call('reset');
}
