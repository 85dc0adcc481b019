// The official 100ms server SDK, unmodified, pointed at the emulator: node sdk-contract.cjs BASE KEY SECRET
const assert = require("node:assert/strict");
const HMS = require("@100mslive/server-sdk");

const [base, accessKey, secret] = process.argv.slice(2);
const hms = new HMS.SDK(accessKey, secret);
// The SDK hard-codes https://api.100ms.live/v2; its axios instance takes another base URL.
hms.api.axios.defaults.baseURL = `${base}/v2`;

async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function main() {
  const room = await hms.rooms.create({ name: "sdk-room", description: "made by the official SDK" });
  assert.equal(room.name, "sdk-room");
  assert.ok(room.created_at instanceof Date && !isNaN(room.created_at), "timestamps parse as dates");
  assert.equal((await hms.rooms.create({ name: "sdk-room" })).id, room.id, "create upserts by name");
  assert.equal((await hms.rooms.retrieveById(room.id)).name, "sdk-room");
  assert.equal((await hms.rooms.retrieveByName("sdk-room")).id, room.id);
  assert.equal((await collect(hms.rooms.list({ name: "sdk-room" }))).length, 1);

  const codes = await hms.roomCodes.create(room.id);
  assert.deepEqual(codes.map((c) => c.role).sort(), ["guest", "host", "viewer"]);
  for (let i = 0; i < 22; i++) await hms.roomCodes.createForRole(room.id, "guest");
  assert.equal((await collect(hms.roomCodes.list(room.id))).length, 25, "the SDK pages through all codes");
  const guest = codes.find((c) => c.role === "guest");
  const off = await hms.roomCodes.enableOrDisable(guest.code, false);
  assert.equal(off.enabled, false);
  const enabledGuests = await collect(hms.roomCodes.list(room.id, { role: "guest", enabled: true }));
  assert.equal(enabledGuests.length, 22);

  // Opening the stand-in meeting page joins the room as a peer.
  const host = codes.find((c) => c.role === "host");
  const page = await fetch(`${base}/meeting/${host.code}?name=Ann&userId=ann-1`);
  assert.equal(page.status, 200);
  const active = await hms.activeRooms.retrieve(room.id);
  assert.equal(active.session.peers.length, 1, "session.peers is an array of peer ids");
  const peers = await hms.activeRooms.retrieveActivePeers(room.id);
  const [peerId] = Object.keys(peers);
  assert.equal(peers[peerId].name, "Ann");
  assert.equal(peers[peerId].user_id, "ann-1");
  assert.equal(typeof peers[peerId].metadata, "string", "metadata is a string");
  const renamed = await hms.activeRooms.updatePeer(room.id, peerId, { name: "Anna" });
  assert.equal(renamed.name, "Anna");
  assert.equal(typeof renamed.tracks, "object");
  assert.equal((await hms.activeRooms.retrievePeerDetails(room.id, peerId)).name, "Anna");
  await assert.rejects(hms.activeRooms.retrieve("000000000000000000000000"), (e) => e.code === 404);

  assert.equal((await hms.rooms.enableOrDisable(room.id, false)).enabled, false);
  await assert.rejects(hms.roomCodes.create(room.id), (e) => e.code === 403 && e.message === "Room is disabled");
  await assert.rejects(hms.rooms.retrieveById("000000000000000000000000"), (e) => e.code === 404);
  console.log("official SDK: every call succeeded against the emulator");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
