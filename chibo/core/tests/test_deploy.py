"""Issue 19 item 5: the production deployment in deploy/ passes its own checks.

- `manage.py check --deploy` with config.settings.prod gives no warning at all.
- The access logs of gunicorn and nginx never hold a query string (foundations issue, finding 11):
  checked on the configuration and on the lines they really write.
- The scheduled commands of docs/operations.md are the ones the systemd timers run.
- A smoke test brings the deployment up on this machine: Debian's nginx with a self-signed
  certificate on a free loopback port, gunicorn from deploy/gunicorn.conf.py on a unix socket,
  PostgreSQL (the test database), collectstatic's output; then logs in through allauth's form
  (CSRF, then the TOTP step that staff roles must pass) and downloads a static file and the member
  export (no-store) through nginx.

The smoke test needs nginx and openssl (`apt-get install nginx`) and PostgreSQL; where one is
missing it is skipped with the reason, except under CI=true, where it fails.
"""

import os
import re
import runpy
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
PYTHON = sys.executable
GUNICORN = Path(sys.executable).with_name("gunicorn")
NAME = "Nguyễn Thị Thu"
FORBIDDEN_NGINX_VARIABLES = (
    "$request ",
    '$request"',
    "$request'",
    "$request_uri",
    "$args",
    "$query_string",
    "$arg_",
    "$http_referer",
    "$request_body",
)


def _prod_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CHIBO_", "DJANGO_", "PYTEST_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        CHIBO_SECRET_KEY="deploy-test-" + "k" * 50,
        CHIBO_ALLOWED_HOSTS="chibo.example.vn",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def _needed(tool: str) -> str:
    found = shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/sbin")
    if found:
        return found
    message = f"{tool} is not installed (apt-get install nginx openssl): deployment smoke test"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " cannot be skipped under CI=true")
    pytest.skip(message + " skipped")


# --- settings -------------------------------------------------------------------------------


def test_check_deploy_with_production_settings_is_clean(tmp_path: Path) -> None:
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=_prod_env(DATABASE_URL=f"sqlite:///{tmp_path}/check.sqlite3"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


# --- access logs without query strings -------------------------------------------------------


def test_gunicorn_access_log_writes_the_path_only() -> None:
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    values = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    fmt = values["access_log_format"]
    assert "%(U)s" in fmt
    for atom in ("%(r)s", "%(q)s", "%({referer}i)s", "%(f)s"):
        assert atom not in fmt
    assert values["bind"].startswith("unix:")

    config = Config()
    config.set("access_log_format", fmt)
    logger = Logger(config)
    query = "q=Nguy%E1%BB%85n%20Th%E1%BB%8B%20Thu"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/members/?{query}",
        "PATH_INFO": "/members/",
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "",
        "HTTP_X_REAL_IP": "10.1.2.3",
        "HTTP_REFERER": f"https://chibo.example.vn/members/?{query}",
    }
    request = SimpleNamespace(headers=[("X-REAL-IP", "10.1.2.3")])
    response = SimpleNamespace(
        status="200 OK",
        response_length=512,
        sent=512,
        headers=[("X-Request-ID", "abc123")],
    )
    atoms = logger.atoms(response, request, environ, _Elapsed())
    line = fmt % atoms
    assert '"GET /members/ HTTP/1.1" 200' in line
    assert "rid=abc123" in line
    assert "Nguy" not in line and "?" not in line


class _Elapsed:
    days = 0
    seconds = 0
    microseconds = 1500


def test_nginx_site_logs_no_query_string_or_referrer() -> None:
    site = (DEPLOY / "nginx/chibo.conf").read_text(encoding="utf-8")
    code = "\n".join(line.split("#", 1)[0] for line in site.splitlines())
    formats = re.findall(r"log_format\s+(\w+)\s+([^;]+);", code)
    assert [name for name, _ in formats] == ["chibo_private"]
    body = formats[0][1]
    assert "$uri" in body
    for variable in FORBIDDEN_NGINX_VARIABLES:
        assert variable not in body + " ", variable
    # Every access_log of the site names the private format (or is off), so Debian's default
    # `combined` format of nginx.conf, which logs $request, applies to none of its requests.
    access_logs = re.findall(r"access_log\s+([^;]+);", code)
    assert access_logs
    for directive in access_logs:
        assert directive.strip() == "off" or directive.split()[-1] == "chibo_private", directive
    servers = code.count("server {")
    assert code.count("access_log /var/log/nginx/chibo.access.log chibo_private") == servers


def test_nginx_upload_limits_match_the_app() -> None:
    from django.conf import settings

    from chibo.documents.files import MAX_FILE_BYTES

    site = (DEPLOY / "nginx/chibo.conf").read_text(encoding="utf-8")
    limits = [int(m) for m in re.findall(r"client_max_body_size\s+(\d+)m;", site)]
    mb = 1024 * 1024
    # Default: a document (20 MB) plus the multipart envelope; the import upload: 100 MB + 1.
    assert limits == [MAX_FILE_BYTES // mb + 1, settings.CHIBO_IMPORT_MAX_BYTES // mb + 1]
    assert "location = /data-quality/imports/upload/" in site
    # Uploaded files are never served from disk: no location reads MEDIA_ROOT.
    assert "/media" not in site


# --- scheduled commands ----------------------------------------------------------------------


def _scheduled_in_docs() -> set[str]:
    text = (ROOT / "docs/operations.md").read_text(encoding="utf-8")
    section = text.split("## Scheduled commands", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `manage\.py ([^`]+)`", section, flags=re.MULTILINE))


def _run_by_units() -> set[str]:
    commands: set[str] = set()
    for unit in (DEPLOY / "systemd").glob("chibo-*.service"):
        if unit.stem in {"chibo-web", "chibo-worker", "chibo-backup"}:
            continue
        for line in unit.read_text(encoding="utf-8").splitlines():
            if line.startswith("ExecStart=") and " manage.py " in line:
                commands.add(line.split(" manage.py ", 1)[1].strip())
    return commands


def test_timers_run_the_scheduled_commands_of_the_operations_guide() -> None:
    from django.core.management import get_commands

    documented = _scheduled_in_docs()
    assert len(documented) >= 5
    assert _run_by_units() == documented
    known = get_commands()
    for command in documented | {"db_worker", "recover_tasks", "backup_site"}:
        assert command.split()[0] in known, command
    for service in (DEPLOY / "systemd").glob("chibo-*.service"):
        timer = service.with_suffix(".timer")
        if service.stem not in {"chibo-web", "chibo-worker"}:
            assert timer.exists(), f"{service.name} has no timer"
            assert "OnCalendar=" in timer.read_text(encoding="utf-8")


def test_systemd_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    venv = Path(sys.executable).parent.parent
    for unit in (DEPLOY / "systemd").iterdir():
        text = unit.read_text(encoding="utf-8")
        text = text.replace("/srv/chibo/app/.venv", str(venv)).replace("/srv/chibo/app", str(ROOT))
        (tmp_path / unit.name).write_text(text, encoding="utf-8")
    result = subprocess.run(  # noqa: S603
        [analyze, "verify", *sorted(str(path) for path in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


# --- the smoke test ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _render_site(tmp: Path, *, https_port: int, http_port: int, sock: Path) -> str:
    site = (DEPLOY / "nginx/chibo.conf").read_text(encoding="utf-8")
    replacements = {
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "unix:/run/chibo/gunicorn.sock": f"unix:{sock}",
        "/srv/chibo/var/static/": f"{tmp}/static/",
        "/etc/chibo/tls/chibo.crt": f"{tmp}/tls.crt",
        "/etc/chibo/tls/chibo.key": f"{tmp}/tls.key",
        "/var/log/nginx/chibo.access.log": f"{tmp}/nginx-access.log",
        "/var/log/nginx/chibo.error.log": f"{tmp}/nginx-error.log",
        "/etc/nginx/chibo_proxy_params": str(DEPLOY / "nginx/chibo_proxy_params"),
    }
    for old, new in replacements.items():
        assert old in site, old
        site = site.replace(old, new)
    return site


def _nginx_conf(tmp: Path, site: Path) -> str:
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {tmp}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-main-error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    # Debian's nginx.conf logs every request in `combined` format here; the site must override.
    access_log {tmp}/nginx-default-access.log combined;
{temp}
    include {site};
}}
"""


def _wait_for(check: Any, what: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} did not come up:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, 15)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait(timeout=5)


@pytest.fixture
def deployment(
    tmp_path: Path, transactional_db: None, audit_truncate_allowed: None
) -> Iterator[SimpleNamespace]:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the deployment smoke test runs in the PostgreSQL suite (DATABASE_URL)")
    nginx = _needed("nginx")
    openssl = _needed("openssl")
    tmp_path.chmod(0o755)
    https_port, http_port = _free_port(), _free_port()
    sock = tmp_path / "gunicorn.sock"
    env = _prod_env(
        DATABASE_URL=_database_url(),
        CHIBO_ALLOWED_HOSTS="127.0.0.1,localhost",
        CHIBO_STATIC_ROOT=str(tmp_path / "static"),
        CHIBO_MEDIA_ROOT=str(tmp_path / "media"),
        CHIBO_GUNICORN_BIND=f"unix:{sock}",
        CHIBO_GUNICORN_ACCESS_LOG=str(tmp_path / "gunicorn-access.log"),
        CHIBO_WEB_WORKERS="2",
    )
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    subprocess.run(  # noqa: S603
        [
            openssl,
            *("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
            *("-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(tmp_path / "tls.key"), "-out", str(tmp_path / "tls.crt")),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    site = tmp_path / "site.conf"
    site.write_text(
        _render_site(tmp_path, https_port=https_port, http_port=http_port, sock=sock),
        encoding="utf-8",
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(_nginx_conf(tmp_path, site), encoding="utf-8")
    web_log = tmp_path / "gunicorn.log"
    nginx_log = tmp_path / "nginx-stderr.log"
    web = proxy = None
    try:
        with web_log.open("wb") as out:
            web = subprocess.Popen(  # noqa: S603
                [str(GUNICORN), "-c", str(DEPLOY / "gunicorn.conf.py"), "config.wsgi"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait_for(sock.exists, "gunicorn", web, web_log)
        with nginx_log.open("wb") as out:
            proxy = subprocess.Popen(  # noqa: S603
                [nginx, "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "e.log")],
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

        def listening() -> bool:
            with socket.socket() as probe:
                return probe.connect_ex(("127.0.0.1", https_port)) == 0

        _wait_for(listening, "nginx", proxy, nginx_log)
        yield SimpleNamespace(
            base=f"https://127.0.0.1:{https_port}",
            plain=f"http://127.0.0.1:{http_port}",
            tmp=tmp_path,
            cert=str(tmp_path / "tls.crt"),
            web_log=web_log,
        )
    finally:
        _stop(proxy)
        _stop(web)


def _totp_now(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _csrf(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, html[:2000]
    return found.group(1)


def test_deployment_serves_a_login_and_downloads_through_nginx(
    deployment: SimpleNamespace,
) -> None:
    import httpx
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from chibo.members.models import Member
    from chibo.testing.personas import PASSWORD, build_personas, make_member

    personas = build_personas()
    member = make_member(personas.tree.b1, NAME)
    Member.objects.filter(pk=member.pk).update(citizen_id="079185001234")
    # The tests hash passwords with MD5 for speed; production accepts Argon2 and PBKDF2 only.
    hasher = Argon2PasswordHasher()
    personas.hq_admin.password = hasher.encode(PASSWORD, hasher.salt())
    personas.hq_admin.save(update_fields=["password"])
    secret = generate_totp_secret()
    TOTP.activate(personas.hq_admin, secret)  # staff roles must pass the second factor
    base = deployment.base
    browser_headers = {"Origin": base, "Referer": f"{base}/accounts/login/"}

    trust = ssl.create_default_context(cafile=deployment.cert)
    with httpx.Client(base_url=base, verify=trust, timeout=20) as client:
        login_page = client.get("/accounts/login/")
        assert login_page.status_code == 200
        assert login_page.headers["strict-transport-security"].startswith("max-age=31536000")
        assert re.fullmatch(r"[0-9a-f]{32}", login_page.headers["x-request-id"])
        assert "secure" in login_page.headers["set-cookie"].lower()

        step = client.post(
            "/accounts/login/",
            data={
                "login": "hq_admin",
                "password": PASSWORD,
                "csrfmiddlewaretoken": _csrf(login_page.text),
            },
            headers=browser_headers,
        )
        assert step.status_code == 302, deployment.web_log.read_text(errors="replace")[-3000:]
        assert step.headers["location"] == "/accounts/2fa/authenticate/"
        code_page = client.get("/accounts/2fa/authenticate/")
        done = client.post(
            "/accounts/2fa/authenticate/",
            data={"code": _totp_now(secret), "csrfmiddlewaretoken": _csrf(code_page.text)},
            headers={**browser_headers, "Referer": f"{base}/accounts/2fa/authenticate/"},
        )
        assert done.status_code == 302, done.text[:2000]
        assert done.headers["location"] == "/"

        home = client.get("/")
        assert home.status_code == 200
        assert home.headers["cache-control"] == "private, no-store"

        # A static file, by its hashed name from the page, served by nginx itself.
        css = re.search(r'href="(/static/[^"]+\.css)"', home.text)
        assert css, home.text[:2000]
        asset = client.get(css.group(1), headers={"Accept-Encoding": "gzip"})
        assert asset.status_code == 200
        assert "immutable" in asset.headers["cache-control"]
        assert asset.headers.get("content-encoding") == "gzip"

        export = client.get("/members/export.xlsx", params={"unit": "HCM"})
        assert export.status_code == 200, export.text[:2000]
        assert export.content[:2] == b"PK"
        assert export.headers["cache-control"] == "private, no-store"

        search = client.get("/members/", params={"q": NAME})
        assert search.status_code == 200
        assert NAME in search.text

    with httpx.Client(timeout=10) as plain:
        redirect = plain.get(f"{deployment.plain}/members/", params={"q": NAME})
        assert redirect.status_code == 301
        assert redirect.headers["location"].startswith("https://127.0.0.1")

    _stop_and_check_logs(deployment)


def _stop_and_check_logs(deployment: SimpleNamespace) -> None:
    time.sleep(0.5)  # nginx and gunicorn write their access lines after the response
    nginx_access = (deployment.tmp / "nginx-access.log").read_text(encoding="utf-8")
    gunicorn_access = (deployment.tmp / "gunicorn-access.log").read_text(encoding="utf-8")
    assert '"GET /members/ HTTP/1.1" 200' in nginx_access, nginx_access
    assert '"GET /members/ HTTP/1.1" 200' in gunicorn_access, gunicorn_access
    # One request id, in nginx's line and in gunicorn's.
    rid = re.search(r'"GET /members/ HTTP/1.1" 200 \S+ \S+ rid=(\w+)', nginx_access)
    assert rid and f"rid={rid.group(1)}" in gunicorn_access
    default_access = deployment.tmp / "nginx-default-access.log"
    assert not default_access.exists() or default_access.read_text() == ""
    everything = nginx_access + gunicorn_access + deployment.web_log.read_text(errors="replace")
    for value in ("q=", "Nguy", NAME, "079185001234"):
        assert value not in everything, value
