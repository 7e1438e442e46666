// The SQL page's database, in a worker (explorer.js starts it): sql.js opens the published
// SQLite file read-only and runs one statement at a time, so that a long query never blocks
// the page and stopping it is ending this worker.
"use strict";

let db = null;

self.onmessage = async function (event) {
  const message = event.data;
  if (message.type === "open") {
    try {
      importScripts(message.sqljs + "sql-wasm.js");
      // The WebAssembly bytes fetched here and handed over: no streaming compile, whatever
      // media type the server gives .wasm files.
      const wasm = await fetch(message.sqljs + "sql-wasm.wasm");
      if (!wasm.ok) throw new Error(wasm.status + " " + wasm.url);
      const SQL = await initSqlJs({ wasmBinary: await wasm.arrayBuffer() });
      db = new SQL.Database(new Uint8Array(message.database));
      db.exec("PRAGMA query_only = ON");
      const tables = db.exec("SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
      postMessage({ type: "ready", tables: tables[0].values[0][0] });
    } catch (error) {
      postMessage({ type: "load_failed", detail: String((error && error.message) || error) });
    }
  } else if (message.type === "run") {
    try {
      postMessage(Object.assign({ type: "result", id: message.id }, run(message.sql, message.shown)));
    } catch (error) {
      const code = error && error.code;
      postMessage({ type: "failed", id: message.id, code: code || "",
                    detail: String((error && error.message) || error) });
    }
  }
};

function refused(code) {
  const error = new Error(code);
  error.code = code;
  return error;
}

// Blanks and comments only: what may follow the one statement.
function nothing(sql) {
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?(\*\/|$)/g, "").trim() === "";
}

function cell(value) {
  if (value === null) return "";
  const text = value instanceof Uint8Array ? "" : String(value);
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

// The statement's columns, its first `shown` rows, how many rows it gives and all of them as
// CSV (RFC 4180: comma, CRLF, quotes only where needed).
function run(sql, shown) {
  const statements = db.iterateStatements(sql);
  const first = statements.next();
  if (first.done) throw refused("empty");
  const statement = first.value;
  if (!nothing(statements.getRemainingSQL())) {
    statement.free();
    throw refused("several");
  }
  const columns = statement.getColumnNames();
  const rows = [];
  const lines = [columns.map(cell).join(",")];
  let count = 0;
  while (statement.step()) {
    const row = statement.get();
    if (count < shown) rows.push(row.map((v) => (v instanceof Uint8Array ? "[BLOB]" : v)));
    lines.push(row.map(cell).join(","));
    count += 1;
  }
  statements.next(); // frees the statement and, nothing being left, the iterator
  return { columns: columns, rows: rows, count: count, csv: lines.join("\r\n") + "\r\n" };
}
