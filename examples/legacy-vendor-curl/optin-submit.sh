#!/usr/bin/env bash
# Opts an email in to deployment types through Leadgate's Omeda-compatible opt-in queue, exactly as
# a vendor integrated with Omeda's OptIn Queue API does, then looks the email up. Set:
#   LEADGATE_URL=http://127.0.0.1:4000 CLIENT=demo-leads APPID=... BRAND=DEMO TYPES=1001,1002 ./optin-submit.sh
# The body is JSON, so the Content-Type says so: curl -d alone would send a form type, refused with 400.
set -euo pipefail
: "${LEADGATE_URL:=http://127.0.0.1:4000}" "${CLIENT:?set CLIENT}" "${APPID:?set APPID}" "${BRAND:?set BRAND}" "${TYPES:?set TYPES}"
EMAIL=${EMAIL:-jane.roe@example.com}
curl -sS -X POST "$LEADGATE_URL/webservices/rest/client/$CLIENT/optinfilterqueue/*" \
  -H "x-omeda-appid: $APPID" -H 'Content-Type: application/json' \
  -d "{\"DeploymentTypeOptIn\":[{\"EmailAddress\":\"$EMAIL\",\"DeploymentTypeId\":\"$TYPES\",\"Source\":\"Signup form\"}]}"
echo
curl -sS "$LEADGATE_URL/webservices/rest/brand/$BRAND/filter/email/$EMAIL/*" -H "x-omeda-appid: $APPID"
echo
