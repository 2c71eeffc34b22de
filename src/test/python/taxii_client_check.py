"""Takedown's TAXII 2.1 server against the standard TAXII client, unmodified (pip install taxii2-client).

A vendor's pipeline: discovery, API root, collections, add a bundle's objects to the "tips"
collection and wait for the status, then read the new operation's collection page by page.

    python3 src/test/python/taxii_client_check.py [BASE_URL [USER PASSWORD]]

BASE_URL defaults to http://localhost:8080, the user to the demo vendor vera (password demo).
Prints OK and exits 0 when everything held; a failed check or HTTP error exits non-zero.
"""
import json
import pathlib
import re
import sys
import uuid

from taxii2client.v21 import Server

SAMPLE = pathlib.Path(__file__).resolve().parents[1] / "resources" / "stix" / "samples" / "indicators-for-C2-with-COA.json"


def check(condition, what):
    if not condition:
        raise SystemExit("FAILED: " + what)


def main():
    base = (sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080").rstrip("/")
    user, password = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ("vera", "demo")

    server = Server(base + "/taxii2/", user=user, password=password)
    check(server.title, "discovery has a title")
    api_root = server.default or server.api_roots[0]
    check("application/taxii+json;version=2.1" in api_root.versions, "the API root speaks TAXII 2.1")
    tips = next((c for c in api_root.collections if c.alias == "tips"), None)
    check(tips is not None and tips.can_write and not tips.can_read, "a write-only tips collection for a vendor")

    # The sample's objects, and an identity of this run's own, so that each run opens a new operation
    # (an identity is taken as context; a note would be a failure: Takedown does not use notes).
    objects = json.loads(SAMPLE.read_text(encoding="utf-8"))["objects"]
    objects.append({"type": "identity", "spec_version": "2.1", "id": "identity--" + str(uuid.uuid4()),
                    "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z",
                    "name": "taxii2-client check " + str(uuid.uuid4())})
    status = tips.add_objects({"objects": objects}, wait_for_completion=True, poll_interval=1, timeout=30)
    check(status.status == "complete", "the add completed")
    check(status.failure_count == 0 and status.success_count == len(objects), "every object was received")
    message = status.successes[0]["message"]
    reference = re.search(r"OP-\d{4}-\d{4,}", message).group(0)
    print("added", len(objects), "objects:", message)

    again = tips.add_objects({"objects": objects})
    check(reference in again.successes[0]["message"] and "nothing new" in again.successes[0]["message"],
          "the same add again answers the same operation")

    api_root.refresh_collections()
    collection = next((c for c in api_root.collections if c.alias == reference), None)
    check(collection is not None and collection.can_read, "the new operation's collection is listed")
    whole = [o["id"] for o in collection.get_objects().get("objects", [])]
    paged, token, pages = [], None, 0
    while True:
        page = collection.get_objects(limit=2, next=token) if token else collection.get_objects(limit=2)
        paged += [o["id"] for o in page.get("objects", [])]
        pages += 1
        if not page.get("more"):
            break
        token = page.get("next")
    check(paged == whole and pages > 1, "paging with limit and next gives every object once, in order")
    report_id = next(i for i in whole if i.startswith("report--"))
    report = collection.get_object(report_id)["objects"][0]
    check(report["external_references"][0]["external_id"] == reference, "the report names the operation")
    manifest = collection.get_manifest()
    check(len(manifest.get("objects", [])) == len(whole), "the manifest lists every object")
    print("OK:", reference, "has", len(whole), "objects in", pages, "pages of 2")


if __name__ == "__main__":
    main()
