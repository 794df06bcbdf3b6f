"""``python -m tests.oidc_provider --port N --client-id … --redirect-uri …``: serve until killed.

Users come as JSON in ``--users`` (a list of User fields) and can be changed later through
``/control``. Plain HTTP on the loopback only, which Authlib's server allows with
AUTHLIB_INSECURE_TRANSPORT (set here, never in Styra).
"""

from __future__ import annotations

import argparse
import json
import os

from werkzeug.serving import make_server

from tests.oidc_provider.server import Client, Provider, State, User


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--redirect-uri", action="append", default=[])
    parser.add_argument("--post-logout-uri", action="append", default=[])
    parser.add_argument("--users", default="[]")
    args = parser.parse_args()
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    issuer = f"http://127.0.0.1:{args.port}"
    client = Client(args.client_id, args.client_secret, args.redirect_uri, args.post_logout_uri)
    users = [User(**fields) for fields in json.loads(args.users)]
    server = make_server(
        "127.0.0.1", args.port, Provider(State(issuer, [client], users)), threaded=True
    )
    print(f"OIDC test provider on {issuer}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
