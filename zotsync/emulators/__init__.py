"""Local emulators of the services zotsync talks to, bound to loopback.

Each service is a package (``arxiv``, ``s2``, ``hf``, ``zotero``) with its rules
(backend: data and behaviour) apart from its wire format (app: routes, bodies,
headers), all served by one small core (:mod:`zotsync.emulators.core`) that adds
a control plane (request log, reset, fault injection).

Start one from the command line::

    python -m zotsync.emulators arxiv --corpus FILE.jsonl --port 0
    python -m zotsync.emulators zotero --port 0 --api-key KEY --user-id 1

or in-process from tests through :mod:`zotsync.emulators.pytest_plugin`.

These modules never import zotsync's client code (and the client never imports
them), so a misunderstanding of an API cannot hide on both sides of a test.
"""

SERVICES = ("arxiv", "s2", "hf", "zotero")
