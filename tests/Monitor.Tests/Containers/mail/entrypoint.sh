#!/bin/sh
# Dovecot runs as a daemon; Postfix is supervised so tests can take SMTP down and up again:
#   touch /tmp/smtp-down && postfix stop   -> SMTP is down
#   rm /tmp/smtp-down                      -> SMTP comes back within a second
dovecot
trap 'touch /tmp/stopping; postfix stop >/dev/null 2>&1; exit 0' TERM INT
while [ ! -f /tmp/stopping ]; do
  if [ -f /tmp/smtp-down ]; then sleep 0.3; continue; fi
  postfix start-fg &
  wait $!
  sleep 0.3
done
