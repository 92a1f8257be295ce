#!/usr/bin/env bash
# Writes the schema-1 connector database of this folder (connector.sqlite, named so because *.db is
# git-ignored; connector.masterkey; manifest.json) with a connector binary that predates schema
# versions (layout 1, stored schema version 0), e.g. one built from commit 657ead9. Run once with such a binary; the migration test opens the result with today's code.
#
#   tests/data/connector-schema-v1/generate.sh <connector-binary> <backbone-binary>
#
# Two connectors on a throwaway backbone, driven over their REST APIs: A (the fixture) offers a
# template and a token, B requests a relationship, A accepts; B sends A two messages, A sends B
# one, A uploads a file. manifest.json records the ids the test looks for.
set -euo pipefail
connector_bin=$(realpath "$1")
backbone_bin=$(realpath "$2")
out=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/nmshd-fixture-v1-XXXXXX)
key="This_is_a_test_APIKEY_with_30_chars+"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_line() {  # file pattern -> the url after the pattern
  for _ in $(seq 1 300); do
    if grep -q "$2" "$1" 2>/dev/null; then grep -o "$2[^ ]*" "$1" | head -1 | sed "s|$2||"; return; fi
    sleep 0.1
  done
  echo "timeout waiting for $2 in $1" >&2; exit 1
}

mkdir -p "$work/bb"
cat > "$work/bb/config.json" <<JSON
{"httpServer":{"address":"127.0.0.1","port":0},"didDomainName":"localhost",
 "platformClients":[{"clientId":"test","clientSecret":"test-secret"}],
 "database":{"driver":"sqlite","folder":"$work/bb/data","dbName":"backbone"},
 "logging":{"appenders":{"file":{"type":"file","filename":"$work/bb/backbone.log"}},"categories":{"default":{"appenders":["file"],"level":"INFO"}}}}
JSON
(cd "$work/bb" && exec "$backbone_bin" --config "$work/bb/config.json" > "$work/bb/stdout" 2>&1) & pids+=($!)
bb_url="http://localhost:$(wait_line "$work/bb/stdout" "backbone listening on http://127.0.0.1:")"

start_connector() {  # name
  mkdir -p "$work/$1"
  cat > "$work/$1/config.json" <<JSON
{"debug":false,"transportLibrary":{"baseUrl":"$bb_url","platformClientId":"test","platformClientSecret":"test-secret"},
 "database":{"driver":"sqlite","folder":"$work/$1/data","dbName":"connector"},
 "infrastructure":{"httpServer":{"port":0,"address":"127.0.0.1","authentication":{"apiKey":{"keys":{"default":{"key":"$key"}}}}}},
 "logging":{"appenders":{"file":{"type":"file","filename":"$work/$1/connector.log"}},"categories":{"default":{"appenders":["file"],"level":"INFO"}}}}
JSON
  (cd "$work/$1" && exec "$connector_bin" start --config "$work/$1/config.json" > "$work/$1/stdout" 2>&1) & pids+=($!)
}
start_connector a; pid_a=${pids[-1]}
start_connector b; pid_b=${pids[-1]}
A="http://127.0.0.1:$(wait_line "$work/a/stdout" "connector listening on http://127.0.0.1:")"
B="http://127.0.0.1:$(wait_line "$work/b/stdout" "connector listening on http://127.0.0.1:")"

call() {  # url method path [json]
  local args=(-sS -f -X "$2" -H "X-API-KEY: $key" "$1/api/core/v1$3")
  if [ $# -ge 4 ]; then args+=(-H "content-type: application/json" --data "$4"); fi
  curl "${args[@]}"
}
expires=$(date -u -d "+30 days" +%Y-%m-%dT%H:%M:%S.000Z)
address_a=$(call "$A" GET /Account/IdentityInfo | jq -r .result.address)
address_b=$(call "$B" GET /Account/IdentityInfo | jq -r .result.address)
template=$(call "$A" POST /RelationshipTemplates/Own \
  "{\"content\":{\"@type\":\"ArbitraryRelationshipTemplateContent\",\"value\":{\"offer\":\"schema v1\"}},\"expiresAt\":\"$expires\"}" | jq -r .result.id)
token=$(call "$A" POST "/RelationshipTemplates/Own/$template/Token" '{}' | jq -r .result)
call "$B" POST /RelationshipTemplates/Peer "{\"reference\":\"$(jq -r .reference.truncated <<<"$token")\"}" > /dev/null
relationship=$(call "$B" POST /Relationships \
  "{\"templateId\":\"$template\",\"creationContent\":{\"@type\":\"ArbitraryRelationshipCreationContent\",\"value\":{\"hello\":\"from B\"}}}" | jq -r .result.id)
call "$A" POST /Account/Sync '{}' > /dev/null
call "$A" PUT "/Relationships/$relationship/Accept" '{}' > /dev/null
call "$B" POST /Account/Sync '{}' > /dev/null
received=()
for i in 1 2; do
  received+=("$(call "$B" POST /Messages \
    "{\"recipients\":[\"$address_a\"],\"content\":{\"@type\":\"Mail\",\"to\":[\"$address_a\"],\"subject\":\"v1 message $i\",\"body\":\"body $i\"}}" | jq -r .result.id)")
done
call "$A" POST /Account/Sync '{}' > /dev/null
sent=$(call "$A" POST /Messages \
  "{\"recipients\":[\"$address_b\"],\"content\":{\"@type\":\"Mail\",\"to\":[\"$address_b\"],\"subject\":\"v1 reply\",\"body\":\"reply\"}}" | jq -r .result.id)
file=$(curl -sS -f -X POST -H "X-API-KEY: $key" -F "file=@$0;filename=generate.sh;type=text/plain" \
  -F "expiresAt=$expires" -F "title=the generator" "$A/api/core/v1/Files/Own" | jq -r .result.id)
status=$(call "$A" GET "/Relationships/$relationship" | jq -r .result.status)
[ "$status" = Active ] || { echo "relationship is $status" >&2; exit 1; }
[ "$(call "$A" GET /Messages | jq '.result | length')" = 3 ] || { echo "A does not have 3 messages" >&2; exit 1; }

kill -TERM "$pid_a"; wait "$pid_a" || true
kill -TERM "$pid_b"; wait "$pid_b" || true
[ ! -e "$work/a/data/connector.db-wal" ] || sqlite3 "$work/a/data/connector.db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
rm -f "$out/connector.sqlite"
sqlite3 "$work/a/data/connector.db" ".backup '$out/connector.sqlite'"
sqlite3 "$out/connector.sqlite" "PRAGMA journal_mode=DELETE;" > /dev/null
cp "$work/a/data/connector.masterkey" "$out/connector.masterkey"
jq -n --arg address "$address_a" --arg peer "$address_b" --arg template "$template" --arg relationship "$relationship" --arg r1 "${received[0]}" --arg r2 "${received[1]}" --arg sent "$sent" \
  --arg file "$file" --arg generator "$(basename "$connector_bin") $(date -u +%Y-%m-%d)" \
  '{generatedBy:$generator, address:$address, peer:$peer, ownTemplate:$template,
    relationship:$relationship, receivedMessages:[$r1,$r2], sentMessage:$sent, ownFile:$file}' > "$out/manifest.json"
rm -rf "$work"
echo "wrote $out/connector.sqlite, connector.masterkey, manifest.json"
