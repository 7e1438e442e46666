// The SQL page (pages/templates/sql.html): the published SQLite database, fetched once and
// queried by sql.js in a worker (explorer-worker.js), so that the page stays responsive and a
// runaway query can be stopped (the worker is ended and a new one opens the same bytes). The
// query is kept in the page's address (?q=…): a link reproduces its result. Loaded by this
// page only.
(function () {
  "use strict";
  var root = document.getElementById("bf-sql");
  if (!root) return;
  var here = document.currentScript.src;
  var messages = JSON.parse(document.getElementById("bf-sql-messages").textContent);
  var lang = document.documentElement.lang || "en";
  var form = document.getElementById("bf-sql-form");
  var box = document.getElementById("bf-sql-query");
  var runButton = document.getElementById("bf-sql-run");
  var stopButton = document.getElementById("bf-sql-stop");
  var csvLink = document.getElementById("bf-sql-csv");
  var status = document.getElementById("bf-sql-status");
  var result = document.getElementById("bf-sql-result");
  var shown = parseInt(root.dataset.shown, 10);
  var numbers = new Intl.NumberFormat(lang);
  var plurals = new Intl.PluralRules(lang);
  var seconds = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var bytes = null; // the database file, fetched once
  var worker = null;
  var ready = false;
  var running = null; // {id, started} of the query the worker runs
  var queued = null; // a query asked for before the database was ready
  var csvAddress = null;
  var next = 1;
  var restarted = false; // after a stop: the status keeps saying so

  function say(key, params) {
    var text = messages[key];
    Object.keys(params || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(params[name]);
    });
    return text;
  }

  function tell(text, failed) {
    status.textContent = text;
    status.classList.toggle("bf-sql__status--failed", Boolean(failed));
  }

  function controls() {
    runButton.disabled = !ready || running !== null;
    stopButton.disabled = running === null;
  }

  // SQLite's message, said in the page's language where it is a common one.
  function explained(code, detail) {
    if (code === "empty" || code === "several") return say(code);
    var m;
    if ((m = /^near "([^"]*)": syntax error/.exec(detail))) return say("syntax", { near: m[1] }) + " (" + detail + ")";
    if ((m = /^no such table: (.*)$/.exec(detail))) return say("no_table", { name: m[1] }) + " (" + detail + ")";
    if ((m = /^no such column: (.*)$/.exec(detail))) return say("no_column", { name: m[1] }) + " (" + detail + ")";
    if (/readonly database|query_only/.test(detail)) return say("read_only") + " (" + detail + ")";
    return detail;
  }

  function start() {
    ready = false;
    controls();
    worker = new Worker(new URL("explorer-worker.js", here));
    worker.onmessage = received;
    worker.onerror = function (event) {
      event.preventDefault();
      tell(say("load_failed", { detail: event.message || "worker" }), true);
    };
    // A copy: the worker owns its bytes, this page keeps them for the next worker.
    var copy = bytes.slice(0);
    worker.postMessage({ type: "open", sqljs: new URL(root.dataset.sqljs, location.href).href, database: copy }, [copy]);
  }

  function received(event) {
    var message = event.data;
    if (message.type === "ready") {
      ready = true;
      controls();
      if (queued !== null) {
        var sql = queued;
        queued = null;
        run(sql);
      } else if (!restarted) {
        tell(say("ready", { tables: numbers.format(message.tables) }));
      }
      restarted = false;
      return;
    }
    if (message.type === "load_failed") {
      tell(say("load_failed", { detail: message.detail }), true);
      return;
    }
    if (!running || message.id !== running.id) return;
    var elapsed = say("elapsed", { seconds: seconds.format((performance.now() - running.started) / 1000) });
    running = null;
    controls();
    if (message.type === "failed") {
      result.replaceChildren();
      tell(say("failed", { detail: explained(message.code, message.detail) }), true);
      return;
    }
    show(message, elapsed);
  }

  function show(message, elapsed) {
    var form = "rows_" + plurals.select(message.count);
    var count = say(form in messages ? form : "rows_other", { count: numbers.format(message.count) });
    if (message.count === 0) count = say("no_rows");
    var caption = count + " (" + elapsed + ")";
    if (message.count > shown) caption += " · " + say("shown", { shown: numbers.format(shown) });
    tell(caption);
    var table = document.createElement("table"); // no class: the theme styles it as the others
    var head = table.createTHead().insertRow();
    message.columns.forEach(function (name) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.appendChild(th);
    });
    var body = table.createTBody();
    message.rows.forEach(function (row) {
      var tr = body.insertRow();
      row.forEach(function (value) {
        var td = tr.insertCell();
        if (value === null) {
          var none = document.createElement("span");
          none.className = "bf-sql__null";
          none.textContent = "NULL";
          td.appendChild(none);
        } else {
          td.textContent = String(value);
          if (typeof value === "number") td.className = "bf-num";
        }
      });
    });
    // The theme lets a wide table scroll sideways within the page: the keyboard reaches it.
    table.tabIndex = 0;
    table.setAttribute("aria-label", caption);
    result.replaceChildren(table);
    if (csvAddress) URL.revokeObjectURL(csvAddress);
    csvAddress = URL.createObjectURL(new Blob([message.csv], { type: "text/csv;charset=utf-8" }));
    csvLink.href = csvAddress;
    csvLink.download = say("csv_name");
    csvLink.hidden = false;
  }

  function remember(sql) {
    var address = new URL(location.href);
    address.searchParams.set("q", sql);
    history.replaceState(null, "", address.pathname + address.search + address.hash);
  }

  function run(sql) {
    remember(sql);
    if (!ready) {
      queued = sql;
      return;
    }
    running = { id: next++, started: performance.now() };
    controls();
    csvLink.hidden = true;
    tell(say("running"));
    worker.postMessage({ type: "run", id: running.id, sql: sql, shown: shown });
  }

  function stop() {
    if (running === null) return;
    worker.terminate();
    running = null;
    restarted = true;
    tell(say("stopped"));
    start();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(box.value);
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!runButton.disabled) run(box.value);
    }
  });
  stopButton.addEventListener("click", stop);
  document.querySelectorAll("a.bf-sql__example").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      box.value = link.dataset.sql;
      form.scrollIntoView({ block: "start" });
      box.focus({ preventScroll: true });
      run(box.value);
    });
  });

  form.hidden = false;
  var asked = new URLSearchParams(location.search).get("q");
  if (asked !== null) {
    box.value = asked;
    queued = asked;
  }
  tell(say("loading", { size: root.dataset.size }));
  fetch(root.dataset.database)
    .then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.url);
      return response.arrayBuffer();
    })
    .then(function (buffer) {
      bytes = buffer;
      start();
    })
    .catch(function (error) {
      tell(say("load_failed", { detail: error.message }), true);
    });
})();
