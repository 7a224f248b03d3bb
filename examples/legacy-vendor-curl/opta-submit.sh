#!/usr/bin/env bash
# Posts one lead to Leadgate's Opta-compatible door, exactly as a vendor integrated with Opta's
# JSON API does. Set the credentials from your posting instructions:
#   LEADGATE_URL=http://127.0.0.1:4000 COMPID=... SOURCEID=... CAMPID=... AUTH=... ./opta-submit.sh
# TEST_LEAD=true sends a test lead (checked for structure only, never counted or delivered).
set -euo pipefail
: "${LEADGATE_URL:=http://127.0.0.1:4000}" "${COMPID:?set COMPID}" "${SOURCEID:?set SOURCEID}" "${CAMPID:?set CAMPID}" "${AUTH:?set AUTH}"
curl -sS -X POST "$LEADGATE_URL/ca/submit" \
  -H 'Content-Type: application/json' -H 'Accept: application/json' \
  -d @- <<JSON
{ "compid": "$COMPID", "sourceid": "$SOURCEID", "campid": "$CAMPID", "auth": "$AUTH",
  "first": "John", "last": "Doe", "email": "${EMAIL:-john.doe@example.com}", "phone": "${PHONE:-5551234567}",
  "address": "123 Main St", "city": "Los Angeles", "state": "CA", "zip": "90210", "test": "${TEST_LEAD:-false}" }
JSON
echo
