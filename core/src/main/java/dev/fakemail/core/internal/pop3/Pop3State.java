package dev.fakemail.core.internal.pop3;

/** The POP3 session states (RFC 1939 §3); UPDATE is the QUIT in TRANSACTION itself. */
enum Pop3State { AUTHORIZATION, TRANSACTION }
