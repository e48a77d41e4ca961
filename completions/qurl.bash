# bash completion for qurl. Generated from qurl's option tables: qurl --completions bash
# Install: copy to /usr/share/bash-completion/completions/qurl, or source it from ~/.bashrc.

_qurl_hosts() {
  local f
  for f in ~/.ssh/known_hosts /etc/ssh/ssh_known_hosts; do
    [[ -r $f ]] || continue
    awk '$1 !~ /^[|#@]/ { n = split($1, h, ","); for (i = 1; i <= n; i++) { sub(/^\[/, "", h[i]); sub(/\]:.*$/, "", h[i]); print h[i] } }' "$f"
  done
}

_qurl() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} sub=
  COMPREPLY=()
  if ((COMP_CWORD > 1)); then
    case ${COMP_WORDS[1]} in grpc|sse|serve|bench|help) sub=${COMP_WORDS[1]} ;; esac
  fi
  case $sub in
    help) COMPREPLY=($(compgen -W "grpc sse serve bench" -- "$cur")); return ;;
    grpc)
      case $prev in
      -cacert|-cert|-key|-proto|-protoset|-protoset-out|-trace-frames|-out-json|-har) COMPREPLY=($(compgen -f -- "$cur")); return ;;
      -servername|-authority|-d|-H|-rpc-header|-reflect-header|-user-agent|-connect-timeout|-max-time|-keepalive-time|-max-msg-sz|-compress|-write-out|-w|-alts-handshaker-service|-alts-target-service-account) :; return ;;
      -import-path|-proto-out-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
      -format) COMPREPLY=($(compgen -W "json text" -- "$cur")); return ;;
      -format-in|-format-out) COMPREPLY=($(compgen -W "json text binary" -- "$cur")); return ;;
      -proxy|-x|-resolve|-connect-to) COMPREPLY=($(compgen -W "$(_qurl_hosts)" -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "-plaintext -unix -insecure -cacert -cert -key -servername -authority -proto -import-path -protoset -use-reflection -d -format -format-in -format-out -emit-defaults -use-proto-names -allow-unknown-fields -format-error -msg-template -protoset-out -proto-out-dir -H -expand-headers -rpc-header -reflect-header -user-agent -connect-timeout -max-time -keepalive-time -max-msg-sz -compress -v -vv -proxy -x -resolve -connect-to -http3 -http3-only -trace-frames -timing -write-out -w -out-json -har -alts -alts-handshaker-service -alts-target-service-account -version -help" -- "$cur")); return; fi
      COMPREPLY=($(compgen -W "list describe" -- "$cur"))
      return ;;
    serve)
      case $prev in
      --host|--port|--tls-port|--h2c-port|--goaway-after|--h2-header-table-size|--h2-max-header-list-size|--h3-goaway-after|--h3-close-idle|--h3-close-before-response) :; return ;;
      --ca-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--host --port --tls-port --h2c-port --ca-file --json --no-h3 --goaway-after --h2-header-table-size --h2-max-header-list-size --h3-goaway-after --h3-close-idle --h3-close-before-response" -- "$cur")); return; fi
      :
      return ;;
    bench)
      case $prev in
      -n|--requests|-c|--clients|-m|--max-concurrent-streams|-D|--duration|--rate|-H|--header|-A|--user-agent|-u|--user|--oauth2-bearer|-d|--data|--data-ascii|--data-raw|--data-binary|--data-urlencode|--json|-F|--form|--form-string|--max-redirs|--max-filesize|-r|--range|-C|--continue-at|-z|--time-cond|--proto|--proto-redir|--proto-default|--url-query|--request-target|--expect100-timeout|--limit-rate|-Y|--speed-limit|-y|--speed-time|-w|--write-out|--retry|--retry-max-time|-m|--max-time|--connect-timeout|--unix-socket|--abstract-unix-socket|--proxy-header|-U|--proxy-user|--noproxy|--h2-keepalive|--h2-keepalive-timeout|--interface|--local-port|--keepalive-time|--happy-eyeballs-timeout-ms|--haproxy-clientip|--cert-type|--key-type|--pass|--tls-max|--ciphers|--tls13-ciphers|--parallel-max|--retry-delay) :; return ;;
      --url|-e|--referer|--doh-url|--resolve|--connect-to|--proxy1.0|-x|--proxy|--socks5|--socks5-hostname) COMPREPLY=($(compgen -W "$(_qurl_hosts)" -- "$cur")); return ;;
      -X|--request) COMPREPLY=($(compgen -W "GET HEAD POST PUT DELETE PATCH OPTIONS CONNECT TRACE" -- "$cur")); return ;;
      --netrc-file|-T|--upload-file|-b|--cookie|-c|--cookie-jar|--etag-save|--etag-compare|--hsts|--alt-svc|-o|--output|-D|--dump-header|--har|--out-json|--trace|--trace-ascii|--trace-frames|--proxy-cacert|--cacert|-E|--cert|--key|--pinnedpubkey|--crlfile|-K|--config|--variable) COMPREPLY=($(compgen -f -- "$cur")); return ;;
      --output-dir|--capath) COMPREPLY=($(compgen -d -- "$cur")); return ;;
      --pretty) COMPREPLY=($(compgen -W "all colors format none" -- "$cur")); return ;;
      --style) COMPREPLY=($(compgen -W "default bright mono" -- "$cur")); return ;;
      --completions) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
      -h|--help) COMPREPLY=($(compgen -W "all category request output connection tls trace general sse http post upload auth verbose debug misc curl proxy dns" -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "-n --requests -c --clients -m --max-concurrent-streams -D --duration --rate --json --url -g --globoff -X --request -H --header -A --user-agent -e --referer -u --user --basic --digest --anyauth -n --netrc --netrc-optional --netrc-file --oauth2-bearer --location-trusted -d --data --data-ascii --data-raw --data-binary --data-urlencode --json -F --form --form-string --form-escape -T --upload-file -b --cookie -c --cookie-jar -j --junk-session-cookies -G --get -I --head -L --location --max-redirs --max-filesize -r --range -C --continue-at -z --time-cond --etag-save --etag-compare --compressed --path-as-is --proto --proto-redir --proto-default --url-query --request-target --expect100-timeout --http0.9 --ignore-content-length --tr-encoding --raw -0 --http1.0 --http1.1 --http2 --http2-prior-knowledge --http3 --http3-only --hsts --alt-svc -f --fail --fail-with-body -i --include -o --output -O --remote-name --remote-name-all --no-remote-name --output-dir --create-dirs --no-clobber --remove-on-error -R --remote-time -J --remote-header-name --limit-rate -Y --speed-limit -y --speed-time -D --dump-header -s --silent -S --show-error -# --progress-bar --no-progress-meter -N --no-buffer -w --write-out --pretty --style --har --out-json --timing -v --verbose --trace --trace-ascii --trace-time --trace-frames --retry --retry-max-time --retry-all-errors --retry-connrefused -m --max-time --connect-timeout --doh-url --doh-insecure --resolve --connect-to --unix-socket --abstract-unix-socket --proxy1.0 --proxy-header -x --proxy --socks5 --socks5-hostname -U --proxy-user --proxy-basic --proxy-digest --proxy-anyauth -p --proxytunnel --noproxy --proxy-insecure --proxy-cacert --h2-keepalive --h2-keepalive-timeout --no-h2-keepalive --interface --local-port --tcp-nodelay --no-tcp-nodelay --keepalive-time --no-keepalive --happy-eyeballs-timeout-ms --haproxy-protocol --haproxy-clientip -4 --ipv4 -6 --ipv6 -k --insecure --cacert --capath -E --cert --key --cert-type --key-type --pass -1 --tlsv1 --tlsv1.0 --tlsv1.1 --tlsv1.2 --tlsv1.3 --tls-max --ciphers --tls13-ciphers --pinnedpubkey --crlfile --ssl-no-revoke --ssl-revoke-best-effort -Z --parallel --parallel-max --parallel-immediate --fail-early -: --next -K --config -q --disable --variable --retry-delay --completions -M --manual -V --version -h --help" -- "$cur")); return; fi
      COMPREPLY=($(compgen -W "$(_qurl_hosts)" -- "$cur"))
      return ;;
    sse)
      case $prev in
      --url|-e|--referer|--doh-url|--resolve|--connect-to|--proxy1.0|-x|--proxy|--socks5|--socks5-hostname) COMPREPLY=($(compgen -W "$(_qurl_hosts)" -- "$cur")); return ;;
      -X|--request) COMPREPLY=($(compgen -W "GET HEAD POST PUT DELETE PATCH OPTIONS CONNECT TRACE" -- "$cur")); return ;;
      -H|--header|-A|--user-agent|-u|--user|--oauth2-bearer|-d|--data|--data-ascii|--data-raw|--data-binary|--data-urlencode|--json|-F|--form|--form-string|--max-redirs|--max-filesize|-r|--range|-C|--continue-at|-z|--time-cond|--proto|--proto-redir|--proto-default|--url-query|--request-target|--expect100-timeout|--limit-rate|-Y|--speed-limit|-y|--speed-time|-w|--write-out|--retry|--retry-max-time|-m|--max-time|--connect-timeout|--unix-socket|--abstract-unix-socket|--proxy-header|-U|--proxy-user|--noproxy|--h2-keepalive|--h2-keepalive-timeout|--interface|--local-port|--keepalive-time|--happy-eyeballs-timeout-ms|--haproxy-clientip|--cert-type|--key-type|--pass|--tls-max|--ciphers|--tls13-ciphers|--parallel-max|--event|--count|--for|--retry-delay|--max-backoff|--max-reconnects|--last-event-id|--idle-timeout|--max-event-size) :; return ;;
      --netrc-file|-T|--upload-file|-b|--cookie|-c|--cookie-jar|--etag-save|--etag-compare|--hsts|--alt-svc|-o|--output|-D|--dump-header|--har|--out-json|--trace|--trace-ascii|--trace-frames|--proxy-cacert|--cacert|-E|--cert|--key|--pinnedpubkey|--crlfile|-K|--config|--variable) COMPREPLY=($(compgen -f -- "$cur")); return ;;
      --output-dir|--capath) COMPREPLY=($(compgen -d -- "$cur")); return ;;
      --pretty) COMPREPLY=($(compgen -W "all colors format none" -- "$cur")); return ;;
      --style) COMPREPLY=($(compgen -W "default bright mono" -- "$cur")); return ;;
      --format) COMPREPLY=($(compgen -W "pretty raw json data" -- "$cur")); return ;;
      --completions) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
      -h|--help) COMPREPLY=($(compgen -W "all category request output connection tls trace general sse http post upload auth verbose debug misc curl proxy dns" -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--url -g --globoff -X --request -H --header -A --user-agent -e --referer -u --user --basic --digest --anyauth -n --netrc --netrc-optional --netrc-file --oauth2-bearer --location-trusted -d --data --data-ascii --data-raw --data-binary --data-urlencode --json -F --form --form-string --form-escape -T --upload-file -b --cookie -c --cookie-jar -j --junk-session-cookies -G --get -I --head -L --location --max-redirs --max-filesize -r --range -C --continue-at -z --time-cond --etag-save --etag-compare --compressed --path-as-is --proto --proto-redir --proto-default --url-query --request-target --expect100-timeout --http0.9 --ignore-content-length --tr-encoding --raw -0 --http1.0 --http1.1 --http2 --http2-prior-knowledge --http3 --http3-only --hsts --alt-svc -f --fail --fail-with-body -i --include -o --output -O --remote-name --remote-name-all --no-remote-name --output-dir --create-dirs --no-clobber --remove-on-error -R --remote-time -J --remote-header-name --limit-rate -Y --speed-limit -y --speed-time -D --dump-header -s --silent -S --show-error -# --progress-bar --no-progress-meter -N --no-buffer -w --write-out --pretty --style --har --out-json --timing -v --verbose --trace --trace-ascii --trace-time --trace-frames --retry --retry-max-time --retry-all-errors --retry-connrefused -m --max-time --connect-timeout --doh-url --doh-insecure --resolve --connect-to --unix-socket --abstract-unix-socket --proxy1.0 --proxy-header -x --proxy --socks5 --socks5-hostname -U --proxy-user --proxy-basic --proxy-digest --proxy-anyauth -p --proxytunnel --noproxy --proxy-insecure --proxy-cacert --h2-keepalive --h2-keepalive-timeout --no-h2-keepalive --interface --local-port --tcp-nodelay --no-tcp-nodelay --keepalive-time --no-keepalive --happy-eyeballs-timeout-ms --haproxy-protocol --haproxy-clientip -4 --ipv4 -6 --ipv6 -k --insecure --cacert --capath -E --cert --key --cert-type --key-type --pass -1 --tlsv1 --tlsv1.0 --tlsv1.1 --tlsv1.2 --tlsv1.3 --tls-max --ciphers --tls13-ciphers --pinnedpubkey --crlfile --ssl-no-revoke --ssl-revoke-best-effort -Z --parallel --parallel-max --parallel-immediate --fail-early -: --next -K --config -q --disable --variable --format --event --count --for --retry-delay --max-backoff --max-reconnects --last-event-id --idle-timeout --max-event-size --completions -M --manual -V --version -h --help" -- "$cur")); return; fi
      COMPREPLY=($(compgen -W "$(_qurl_hosts)" -- "$cur"))
      return ;;
  esac
  case $prev in
      --url|-e|--referer|--doh-url|--resolve|--connect-to|--proxy1.0|-x|--proxy|--socks5|--socks5-hostname) COMPREPLY=($(compgen -W "$(_qurl_hosts)" -- "$cur")); return ;;
      -X|--request) COMPREPLY=($(compgen -W "GET HEAD POST PUT DELETE PATCH OPTIONS CONNECT TRACE" -- "$cur")); return ;;
      -H|--header|-A|--user-agent|-u|--user|--oauth2-bearer|-d|--data|--data-ascii|--data-raw|--data-binary|--data-urlencode|--json|-F|--form|--form-string|--max-redirs|--max-filesize|-r|--range|-C|--continue-at|-z|--time-cond|--proto|--proto-redir|--proto-default|--url-query|--request-target|--expect100-timeout|--limit-rate|-Y|--speed-limit|-y|--speed-time|-w|--write-out|--retry|--retry-max-time|-m|--max-time|--connect-timeout|--unix-socket|--abstract-unix-socket|--proxy-header|-U|--proxy-user|--noproxy|--h2-keepalive|--h2-keepalive-timeout|--interface|--local-port|--keepalive-time|--happy-eyeballs-timeout-ms|--haproxy-clientip|--cert-type|--key-type|--pass|--tls-max|--ciphers|--tls13-ciphers|--parallel-max|--retry-delay) :; return ;;
      --netrc-file|-T|--upload-file|-b|--cookie|-c|--cookie-jar|--etag-save|--etag-compare|--hsts|--alt-svc|-o|--output|-D|--dump-header|--har|--out-json|--trace|--trace-ascii|--trace-frames|--proxy-cacert|--cacert|-E|--cert|--key|--pinnedpubkey|--crlfile|-K|--config|--variable) COMPREPLY=($(compgen -f -- "$cur")); return ;;
      --output-dir|--capath) COMPREPLY=($(compgen -d -- "$cur")); return ;;
      --pretty) COMPREPLY=($(compgen -W "all colors format none" -- "$cur")); return ;;
      --style) COMPREPLY=($(compgen -W "default bright mono" -- "$cur")); return ;;
      --completions) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
      -h|--help) COMPREPLY=($(compgen -W "all category request output connection tls trace general sse http post upload auth verbose debug misc curl proxy dns" -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--url -g --globoff -X --request -H --header -A --user-agent -e --referer -u --user --basic --digest --anyauth -n --netrc --netrc-optional --netrc-file --oauth2-bearer --location-trusted -d --data --data-ascii --data-raw --data-binary --data-urlencode --json -F --form --form-string --form-escape -T --upload-file -b --cookie -c --cookie-jar -j --junk-session-cookies -G --get -I --head -L --location --max-redirs --max-filesize -r --range -C --continue-at -z --time-cond --etag-save --etag-compare --compressed --path-as-is --proto --proto-redir --proto-default --url-query --request-target --expect100-timeout --http0.9 --ignore-content-length --tr-encoding --raw -0 --http1.0 --http1.1 --http2 --http2-prior-knowledge --http3 --http3-only --hsts --alt-svc -f --fail --fail-with-body -i --include -o --output -O --remote-name --remote-name-all --no-remote-name --output-dir --create-dirs --no-clobber --remove-on-error -R --remote-time -J --remote-header-name --limit-rate -Y --speed-limit -y --speed-time -D --dump-header -s --silent -S --show-error -# --progress-bar --no-progress-meter -N --no-buffer -w --write-out --pretty --style --har --out-json --timing -v --verbose --trace --trace-ascii --trace-time --trace-frames --retry --retry-max-time --retry-all-errors --retry-connrefused -m --max-time --connect-timeout --doh-url --doh-insecure --resolve --connect-to --unix-socket --abstract-unix-socket --proxy1.0 --proxy-header -x --proxy --socks5 --socks5-hostname -U --proxy-user --proxy-basic --proxy-digest --proxy-anyauth -p --proxytunnel --noproxy --proxy-insecure --proxy-cacert --h2-keepalive --h2-keepalive-timeout --no-h2-keepalive --interface --local-port --tcp-nodelay --no-tcp-nodelay --keepalive-time --no-keepalive --happy-eyeballs-timeout-ms --haproxy-protocol --haproxy-clientip -4 --ipv4 -6 --ipv6 -k --insecure --cacert --capath -E --cert --key --cert-type --key-type --pass -1 --tlsv1 --tlsv1.0 --tlsv1.1 --tlsv1.2 --tlsv1.3 --tls-max --ciphers --tls13-ciphers --pinnedpubkey --crlfile --ssl-no-revoke --ssl-revoke-best-effort -Z --parallel --parallel-max --parallel-immediate --fail-early -: --next -K --config -q --disable --variable --retry-delay --completions -M --manual -V --version -h --help" -- "$cur")); return; fi
  local words=$(_qurl_hosts)
  ((COMP_CWORD == 1)) && words="grpc sse serve bench help $words"
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

complete -o default -o bashdefault -F _qurl qurl
