"""A real SMTP server for the notification tests: every message it accepts becomes one file in <maildir>/new.

Usage: python3 maildir_server.py PORT MAILDIR
Prints "ready" once it listens on 127.0.0.1:PORT; stops on SIGTERM/SIGINT. Needs Debian's python3-aiosmtpd.
"""
import os
import signal
import sys
import threading
import uuid

from aiosmtpd.controller import Controller


class MaildirHandler:
    def __init__(self, maildir):
        self.maildir = maildir
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex + ".eml"
        tmp = os.path.join(self.maildir, "tmp", name)
        recipients = ", ".join(envelope.rcpt_tos)
        with open(tmp, "wb") as f:
            f.write(("X-Envelope-To: " + recipients + "\r\n").encode("ascii"))
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.maildir, "new", name))
        return "250 Message accepted for delivery"


def main():
    port = int(sys.argv[1])
    controller = Controller(MaildirHandler(sys.argv[2]), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
