# What fetchers (fetchurl and friends, and dockerTools' pullImage) have in
# common: the environment variables a fixed-output download is allowed to take
# from the caller, so that downloads work behind proxies.
{ lib }:

{
  # Fixed-output derivations may read these impurely (`impureEnvVars`): their
  # result is checked against its hash, so the proxy used cannot change it.
  proxyImpureEnvVars = [
    "http_proxy" "https_proxy" "ftp_proxy" "all_proxy" "no_proxy"
    "HTTP_PROXY" "HTTPS_PROXY" "FTP_PROXY" "ALL_PROXY" "NO_PROXY"
    # A TLS-intercepting proxy needs its own CA certificates trusted.
    "NIX_SSL_CERT_FILE"
  ];
}
