"""A preview serves its pages while the rest of the build is written (generator/serving.py):
a request for a file not written yet waits for it, and never gets the last build's."""

import threading

from macros.generator.serving import Written, waiting


def app(root):
    """The server's application, wrapped: what each request found when it was answered."""
    answered = []

    def inner(environ, start_response):
        path = environ["PATH_INFO"]
        target = root / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        answered.append((path, target.read_text() if target.exists() else None))
        return []

    return answered, inner


def request(serve, path):
    thread = threading.Thread(target=serve, args=({"PATH_INFO": path}, None), daemon=True)
    thread.start()
    return thread


def test_a_file_not_written_yet_is_waited_for_and_a_written_page_is_not(tmp_path):
    written = Written()
    answered, inner = app(tmp_path)
    serve = waiting(inner, str(tmp_path), "/", written)
    written.started()
    page = request(serve, "/en/figures/")
    page.join(timeout=0.2)
    assert page.is_alive() and answered == []  # the pages are not all written yet
    (tmp_path / "en" / "figures").mkdir(parents=True)
    (tmp_path / "en" / "figures" / "index.html").write_text("new page")
    written.pages_done()
    page.join(timeout=10)
    assert answered == [("/en/figures/", "new page")]

    release = threading.Event()
    written.rest_in_background(release.wait)
    download = request(serve, "/data/csv/figures.csv")
    download.join(timeout=0.2)
    assert download.is_alive() and len(answered) == 1  # not written yet: waits, no 404
    (tmp_path / "data" / "csv").mkdir(parents=True)
    (tmp_path / "data" / "csv" / "figures.csv").write_text("new rows")
    release.set()
    download.join(timeout=10)
    assert answered[-1] == ("/data/csv/figures.csv", "new rows")


def test_the_live_reload_polls_never_wait(tmp_path):
    written = Written()
    answered, inner = app(tmp_path)
    written.started()
    poll = request(waiting(inner, str(tmp_path), "/", written), "/livereload/1/2")
    poll.join(timeout=10)
    assert not poll.is_alive() and answered == [("/livereload/1/2", None)]
    written.done()


def test_a_new_build_waits_for_the_last_one_s_rest_before_the_folder_is_emptied(tmp_path):
    written, order = Written(), []
    release = threading.Event()

    def rest():
        release.wait()
        order.append("rest written")

    written.rest_in_background(rest)
    starting = threading.Thread(target=lambda: (written.started(), order.append("started")))
    starting.start()
    starting.join(timeout=0.2)
    assert starting.is_alive() and order == []
    release.set()
    starting.join(timeout=10)
    assert order == ["rest written", "started"]


def test_a_failed_rest_is_reported_and_releases_every_request(tmp_path, capsys):
    written = Written()
    answered, inner = app(tmp_path)
    serve = waiting(inner, str(tmp_path), "/", written)
    written.started()
    written.pages_done()

    def rest():
        raise RuntimeError("the publisher stopped")

    written.rest_in_background(rest)
    missing = request(serve, "/data/csv/figures.csv")
    missing.join(timeout=10)
    written.join()
    assert answered == [("/data/csv/figures.csv", None)]  # a 404, never a stale file
    said = capsys.readouterr().err
    assert "the publisher stopped" in said and "search index were not written" in said
