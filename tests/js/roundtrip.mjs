// A scripted create/read/update/delete/sync round against a Zotero Web API server,
// driven by the independent client zotero-api-client (npm). Used by
// tests/emulators/test_zotero_js_client.py against the zotsync emulator.
//
//   node tests/js/roundtrip.mjs http://127.0.0.1:PORT API_KEY USER_ID
//
// Prints one JSON object with what each step observed; exits 1 on an unexpected error.
import zoteroApiClient from 'zotero-api-client';

const api = zoteroApiClient.default || zoteroApiClient;

const [url, key, userId] = process.argv.slice(2);
const { protocol, host } = new URL(url);
const lib = api(key, { apiScheme: protocol.replace(':', ''), apiAuthorityPart: host, apiPath: '' })
	.library('user', parseInt(userId, 10));
const out = {};

async function expectError(promise) {
	try {
		await promise;
		return null;
	} catch (err) {
		return err.response ? err.response.status : String(err);
	}
}

async function main() {
	const template = (await api().template('preprint').get({ apiScheme: 'http', apiAuthorityPart: host })).getData();
	out.templateType = template.itemType;

	// collections: root then a subcollection in a second request (its parent must exist)
	const root = await lib.collections().post([{ name: 'Reading list' }]);
	const rootKey = root.getEntityByIndex(0).key;
	const sub = await lib.collections().post([{ name: 'Agents', parentCollection: rootKey }]);
	const subKey = sub.getEntityByIndex(0).key;

	// a preprint in the subcollection and a child note, in one batch (parent first)
	const item = { ...template, title: 'ReAct: Synergizing Reasoning and Acting', collections: [subKey],
		creators: [{ creatorType: 'author', firstName: 'Shunyu', lastName: 'Yao' }],
		repository: 'arXiv', archiveID: 'arXiv:2210.03629', DOI: '10.48550/arXiv.2210.03629' };
	const created = await lib.items().post([item]);
	out.createOk = created.isSuccess();
	const itemKey = created.getEntityByIndex(0).key;
	const noteRes = await lib.items().post([{ itemType: 'note', parentItem: itemKey, note: '<p>笔记 notes</p>' }]);
	const noteKey = noteRes.getEntityByIndex(0).key;
	const afterCreate = noteRes.getVersion();
	out.failedParent = (await lib.items().post([{ itemType: 'note', parentItem: 'ZZZZZZZZ', note: 'x' }])).getErrors();

	// read back
	const items = await lib.items().get({ limit: 50 });
	out.numItems = items.getData().length;
	out.totalResults = items.getTotalResults();
	out.children = (await lib.items(itemKey).children().get()).getData().map(n => n.note);
	out.subcollections = (await lib.collections(rootKey).subcollections().get()).getData().map(c => c.name);
	out.collectionItems = (await lib.collections(subKey).items().top().get()).getData().map(i => i.title);
	const single = await lib.items(itemKey).get();
	out.itemVersion = single.getVersion();

	// update with the right version, then with a stale one
	await lib.items(itemKey).version(single.getVersion()).patch({ extra: 'arXiv:2210.03629 [cs.CL]' });
	out.extra = (await lib.items(itemKey).get()).getData().extra;
	out.stalePatch = await expectError(lib.items(itemKey).version(single.getVersion()).patch({ extra: 'stale' }));

	// sync: what changed since the creation round, then delete the note and read /deleted
	const changed = await lib.items().get({ since: afterCreate, format: 'versions' });
	out.changedSince = await changed.getData().json(); // format=versions: a raw fetch Response
	const libVersion = (await lib.items().get({ limit: 1 })).getVersion();
	await lib.version(libVersion).items().delete([noteKey]);
	const deleted = await lib.deleted(afterCreate).get();
	out.deletedItems = deleted.getData().items;
	out.itemKey = itemKey;
	out.noteKey = noteKey;

	// file storage: a stored-file attachment gets its file (authorise, upload with the
	// prefix/suffix the server gave, register); a second one with the same bytes is "exists"
	const bytes = new TextEncoder().encode('%PDF-1.4 js client\n%%EOF\n');
	const stub = { itemType: 'attachment', linkMode: 'imported_file', parentItem: itemKey,
		title: 'Preprint PDF', contentType: 'application/pdf', filename: 'js.pdf' };
	const atts = await lib.items().post([stub, { ...stub }]);
	const [first, second] = [atts.getEntityByIndex(0).key, atts.getEntityByIndex(1).key];
	await lib.items(first).attachment('js.pdf', bytes.buffer, 1700000000000).post();
	await lib.items(second).attachment('js.pdf', bytes.buffer, 1700000000000).post();
	out.uploadedMd5 = (await lib.items(first).get()).getData().md5;
	out.existsMd5 = (await lib.items(second).get()).getData().md5;
	out.uploadAgain = await expectError(lib.items(first).attachment('js.pdf', bytes.buffer, 1700000000000).post());
	console.log(JSON.stringify(out));
}

main().catch(err => {
	console.error(err && err.response ? `${err.response.status} ${err.message}` : err);
	console.log(JSON.stringify(out));
	process.exit(1);
});
