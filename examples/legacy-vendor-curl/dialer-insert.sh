#!/usr/bin/env bash
# A Convoso-style insert into a dialer list, straight into the hopper, refusing a number already in the list.
set -euo pipefail
: "${LEADGATE_URL:=http://127.0.0.1:4000}" "${AUTH_TOKEN:?set AUTH_TOKEN}" "${LIST_ID:?set LIST_ID}"
curl -sS -X POST "$LEADGATE_URL/v1/leads/insert" \
  --data-urlencode "auth_token=$AUTH_TOKEN" --data-urlencode "list_id=$LIST_ID" \
  --data-urlencode "phone_number=${PHONE:-3105550123}" --data-urlencode "first_name=Jane" --data-urlencode "last_name=Roe" \
  --data-urlencode "email=jane.roe@example.com" --data-urlencode "postal_code=90210" --data-urlencode "check_dup=2" \
  --data-urlencode "hopper=1" --data-urlencode "hopper_priority=${PRIORITY:-99}"
echo
