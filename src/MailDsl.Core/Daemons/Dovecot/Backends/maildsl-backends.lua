-- The mailstore hosts' per-user backend, a passdb for Dovecot's auth-lua (2.3 and 2.4), after the directory's passdb.
-- MailDsl writes a table named MAILDSL above this text; the rest is the same on every host.
--
-- Dovecot's NFS guide: "Dovecot does not support accessing the same user simultaneously by different servers [...] Users
-- must be assigned to specific backends (i.e. in the proxy's passdb lookups)". So every login (IMAP, POP3, ManageSieve) and
-- every delivery (LMTP, lmtp_proxy = yes) asks this passdb which host is the user's backend:
--   * the candidates are the mailstore hosts in service: each host's watcher (maildsl-backends.sh) writes
--     "<epoch> <state> <token> <view>" to MAILDSL.state_dir/<host> every second; a host is in service while that line
--     is fresh and its state is "claiming" or "serving";
--   * the backend is the candidate with the highest rendezvous score (FNV-1a of host and user): every host computes
--     the same one, a user moves only when its backend leaves or returns, and the others keep theirs;
--   * on the backend, the login or delivery is served here: no proxy fields. Elsewhere, proxy=y, host= the backend's
--     name, with TLS verified against ssl_client_ca_file (ssl= / starttls=, never any-cert). Dovecot's proxy_maybe is
--     not used: it compares the destination with the connection's local address, and LMTP from Postfix arrives on a
--     UNIX socket that has none (auth-request.c, auth_request_proxy_finish), so it would proxy a delivery to itself;
--   * a host that is "claiming" (back in service, waiting until every other host has let go of its users) answers a
--     temporary failure for its own users: the client retries, Postfix retries the delivery.
-- The directory's passdb before this one checks the password and sets the user's canonical name (req.user), so every
-- address of a user lands on the same backend; this passdb runs only after it succeeded (skip = unauthenticated).

local function read_state(host)
  local file = io.open(MAILDSL.state_dir .. "/" .. host, "r")
  if file == nil then return nil end
  local line = file:read("*l")
  file:close()
  if line == nil then return nil end
  local epoch, state = line:match("^(%d+) (%a+)")
  if epoch == nil or os.time() - tonumber(epoch) > MAILDSL.stale_after then return nil end
  return state
end

local function in_service(state)
  return state == "claiming" or state == "serving"
end

-- 32-bit FNV-1a of host, a NUL, and user: Lua 5.3 and 5.4 integers are 64 bits, so the product never overflows.
local function score(host, user)
  local text = host .. "\0" .. user
  local hash = 2166136261
  for i = 1, #text do
    hash = ((hash ~ text:byte(i)) * 16777619) & 0xffffffff
  end
  return hash
end

-- The user's backend among the hosts in service, and each host's state.
local function backend(user)
  local best, best_score
  local states = {}
  for _, host in ipairs(MAILDSL.hosts) do
    local state = read_state(host)
    states[host] = state
    if in_service(state) then
      local s = score(host, user)
      if best == nil or s > best_score or (s == best_score and host < best) then
        best, best_score = host, s
      end
    end
  end
  return best, states
end

local function route(req)
  local user = string.lower(req.user)
  local host, states = backend(user)
  if host == nil then
    req:log_warning("maildsl-backends: no mailstore host is in service (" .. MAILDSL.state_dir .. ")")
    return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "no mailstore host is in service"
  end
  if host == MAILDSL.self then
    if states[host] ~= "serving" then
      req:log_info("maildsl-backends: " .. user .. " belongs here, but this host still waits for the others to let go of its users")
      return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "the mailbox is being handed over"
    end
    req:log_info("maildsl-backends: " .. user .. " is served here")
    return dovecot.auth.PASSDB_RESULT_OK, { nopassword = "y" }
  end
  -- 2.3 names the protocol req.service, 2.4 req.protocol; doveadm's own lookups take IMAP's fields.
  local protocol = req.protocol or req.service
  local fields = { nopassword = "y", proxy = "y", host = host }
  for key, value in pairs(MAILDSL.proxy[protocol] or MAILDSL.proxy.imap) do fields[key] = value end
  req:log_info("maildsl-backends: " .. user .. " belongs to " .. host .. ", proxying " .. tostring(protocol))
  -- Fields as a table on success (2.4 takes nothing else), an error as a string (2.3 and 2.4).
  return dovecot.auth.PASSDB_RESULT_OK, fields
end

function auth_passdb_lookup(req)
  return route(req)
end
