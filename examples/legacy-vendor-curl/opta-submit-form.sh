#!/usr/bin/env bash
# The same post as opta-submit.sh, form-encoded (for vendors whose tools cannot send JSON).
set -euo pipefail
: "${LEADGATE_URL:=http://127.0.0.1:4000}" "${COMPID:?set COMPID}" "${SOURCEID:?set SOURCEID}" "${CAMPID:?set CAMPID}" "${AUTH:?set AUTH}"
curl -sS -X POST "$LEADGATE_URL/ca/submit" \
  --data-urlencode "compid=$COMPID" --data-urlencode "sourceid=$SOURCEID" --data-urlencode "campid=$CAMPID" \
  --data-urlencode "auth=$AUTH" --data-urlencode "first=Jane" --data-urlencode "last=Roe" \
  --data-urlencode "email=${EMAIL:-jane.roe@example.com}" --data-urlencode "phone=${PHONE:-(310) 555-0199}" \
  --data-urlencode "state=CA" --data-urlencode "zip=90210" --data-urlencode "test=${TEST_LEAD:-false}"
echo
