#!/bin/sh
# A listener that accepts connections and never answers: the upstream of /fault/hang.
(while true; do nc -lk -p 9000 >/dev/null 2>&1 || sleep 1; done) &
exec nginx -g 'daemon off;'
