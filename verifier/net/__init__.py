"""Talking to the web and to the Internet Archive: the address guard, transport, link status, the Wayback client and its pacer."""
