import Foundation
import Hummingbird
import NIOCore
import Schema

/// The GraphQL explorer served on `GET /graphql` to browsers (`Accept: text/html`): one
/// self-contained page — its CSS and JavaScript are inline and it loads nothing from anywhere
/// but `/graphql` itself, so it works on machines without internet access.
///
/// It offers a query editor, a variables editor (JSON), an operation name field, a Run button
/// (Ctrl/Cmd+Enter) that POSTs to `/graphql`, a result pane with the HTTP status, and a schema
/// browser built from an introspection query: types with their descriptions, fields with
/// arguments and types, enum values and input fields, each type name clickable. The query and
/// variables are kept in the browser's local storage; `?query=` / `?variables=` in the page
/// URL prefill the editors.
///
/// The response carries a Content-Security-Policy that only lets the page's own (nonce-tagged)
/// script and style run and only lets it connect to its own origin.
enum ExplorerPage {
    static func response() -> Response {
        let nonce = makeNonce()
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = "default-src 'none'; script-src 'nonce-\(nonce)'; style-src 'nonce-\(nonce)'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: html(nonce: nonce))))
    }

    /// 128 random bits, hex-encoded.
    static func makeNonce() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let s = String(g.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }.joined()
    }

    static func html(nonce: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Hyperpage GraphQL explorer</title>
        <style nonce="\(nonce)">\(style)</style>
        </head>
        <body>
        <header>
          <h1>Hyperpage <span>GraphQL explorer</span></h1>
          <label>Operation <input id="operation" placeholder="(optional)" spellcheck="false"></label>
          <button id="run" title="Run (Ctrl+Enter)">&#9654; Run</button>
        </header>
        <main>
          <section class="editors">
            <label for="query">Query</label>
            <textarea id="query" spellcheck="false" autocomplete="off"></textarea>
            <label for="variables">Variables (JSON)</label>
            <textarea id="variables" class="small" spellcheck="false" autocomplete="off"></textarea>
          </section>
          <section class="result">
            <div class="bar"><span>Result</span><span id="status"></span></div>
            <pre id="result" aria-live="polite"></pre>
          </section>
          <aside id="schema">
            <div class="bar"><span>Schema</span><button id="back" disabled>&#8592; Back</button></div>
            <input id="filter" placeholder="Filter types" spellcheck="false">
            <div id="browser">Loading the schema&#8230;</div>
          </aside>
        </main>
        <script nonce="\(nonce)">\(pageScript)</script>
        </body>
        </html>
        """
    }

    /// The query the schema browser sends (also run by the tests against a real schema).
    static let introspectionQuery = """
        query ExplorerSchema {
          __schema {
            queryType { name }
            mutationType { name }
            types {
              kind name description
              fields(includeDeprecated: true) {
                name description isDeprecated deprecationReason
                args { name description defaultValue type { ...TypeRef } }
                type { ...TypeRef }
              }
              inputFields { name description defaultValue type { ...TypeRef } }
              interfaces { name }
              possibleTypes { name }
              enumValues(includeDeprecated: true) { name description isDeprecated }
            }
          }
        }
        fragment TypeRef on __Type {
          kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
        }
        """

    /// `introspectionQuery` as a JavaScript string literal (JSON string syntax; `<` escaped so
    /// the text can never close the script element).
    static var introspectionQueryLiteral: String {
        JSONSerializer.string(.string(introspectionQuery)).replacingOccurrences(of: "<", with: "\\u003c")
    }

    /// `script` with the introspection query filled in.
    static let pageScript = script.replacingOccurrences(of: "INTROSPECTION_QUERY", with: introspectionQueryLiteral)

    static let style = """
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;background:#f4f5f7;height:100vh;display:flex;flex-direction:column}
        header{display:flex;align-items:center;gap:16px;padding:8px 16px;background:#1d2330;color:#fff}
        header h1{font-size:16px;margin:0;flex:1}
        header h1 span{font-weight:400;opacity:.7}
        header input{margin-left:6px;padding:4px 6px;border-radius:4px;border:0;width:180px}
        button{font:inherit;padding:5px 14px;border-radius:4px;border:0;background:#e10098;color:#fff;cursor:pointer}
        button:disabled{opacity:.4;cursor:default}
        main{flex:1;display:grid;grid-template-columns:1fr 1fr 340px;gap:1px;background:#d5d8de;min-height:0}
        section,aside{background:#fff;display:flex;flex-direction:column;min-height:0;padding:8px}
        label{font-weight:600;font-size:12px;text-transform:uppercase;color:#5a6273;margin:4px 0}
        textarea{flex:3;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border:1px solid #d5d8de;border-radius:4px;padding:8px;resize:none;tab-size:2}
        textarea.small{flex:1}
        .bar{display:flex;justify-content:space-between;align-items:center;font-weight:600;font-size:12px;text-transform:uppercase;color:#5a6273;margin:4px 0}
        .bar button{padding:2px 8px;font-size:12px;text-transform:none;background:#5a6273}
        pre{flex:1;margin:0;overflow:auto;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#fafbfc;border:1px solid #d5d8de;border-radius:4px;padding:8px;white-space:pre-wrap}
        #status.ok{color:#0a7d32} #status.error{color:#c4122f}
        #filter{padding:4px 6px;border:1px solid #d5d8de;border-radius:4px;margin-bottom:6px}
        #browser{flex:1;overflow:auto}
        #browser h2{font-size:15px;margin:4px 0}
        #browser .kind{font-size:11px;color:#5a6273;text-transform:uppercase}
        #browser .desc{color:#5a6273;margin:2px 0 8px}
        #browser ul{list-style:none;padding:0;margin:0}
        #browser li{padding:3px 0;border-bottom:1px solid #eef0f3}
        #browser a{color:#1f5fbf;cursor:pointer;text-decoration:none}
        #browser a:hover{text-decoration:underline}
        #browser .field{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
        #browser .arg{color:#8a4b00}
        #browser .error{color:#c4122f}
        """

    static let script = """
        (function () {
          "use strict";
          var $ = function (id) { return document.getElementById(id); };
          var query = $("query"), variables = $("variables"), operation = $("operation");
          var result = $("result"), status = $("status"), browser = $("browser"), filter = $("filter"), back = $("back");
          var params = new URLSearchParams(location.search);
          query.value = params.get("query") || localStorage.getItem("hyperpage.query") ||
            "# Write a query, then press Run (Ctrl+Enter).\\n{\\n  __typename\\n}\\n";
          variables.value = params.get("variables") || localStorage.getItem("hyperpage.variables") || "";
          operation.value = params.get("operationName") || "";

          function post(body) {
            return fetch(location.pathname, {
              method: "POST",
              headers: { "Content-Type": "application/json", "Accept": "application/graphql-response+json, application/json" },
              body: JSON.stringify(body)
            }).then(function (r) {
              return r.text().then(function (text) {
                var json = null;
                try { json = JSON.parse(text); } catch (e) { }
                return { status: r.status, text: text, json: json };
              });
            });
          }

          function run() {
            localStorage.setItem("hyperpage.query", query.value);
            localStorage.setItem("hyperpage.variables", variables.value);
            var vars = null;
            if (variables.value.trim() !== "") {
              try { vars = JSON.parse(variables.value); } catch (e) {
                status.textContent = "variables";
                status.className = "error";
                result.textContent = "The variables are not valid JSON: " + e.message;
                return;
              }
            }
            var body = { query: query.value, variables: vars };
            if (operation.value.trim() !== "") body.operationName = operation.value.trim();
            status.textContent = "running…";
            status.className = "";
            var started = performance.now();
            post(body).then(function (r) {
              var ms = Math.round(performance.now() - started);
              status.textContent = "HTTP " + r.status + " · " + ms + " ms";
              status.className = r.status === 200 && r.json && !r.json.errors ? "ok" : "error";
              result.textContent = r.json ? JSON.stringify(r.json, null, 2) : r.text;
            }, function (e) {
              status.textContent = "network error";
              status.className = "error";
              result.textContent = String(e);
            });
          }

          $("run").addEventListener("click", run);
          document.addEventListener("keydown", function (e) {
            if ((e.ctrlKey || e.metaKey) && e.key === "Enter") { e.preventDefault(); run(); }
          });
          [query, variables].forEach(function (area) {
            area.addEventListener("keydown", function (e) {
              if (e.key !== "Tab" || e.shiftKey) return;
              e.preventDefault();
              var s = area.selectionStart;
              area.value = area.value.slice(0, s) + "  " + area.value.slice(area.selectionEnd);
              area.selectionStart = area.selectionEnd = s + 2;
            });
          });

          // Schema browser, built from introspection.
          var introspection = INTROSPECTION_QUERY;
          var types = {}, roots = [], history = [], current = null;

          function el(tag, cls, text) {
            var node = document.createElement(tag);
            if (cls) node.className = cls;
            if (text !== undefined) node.textContent = text;
            return node;
          }
          function typeLink(name) {
            var a = el("a", "", name);
            a.addEventListener("click", function () { show(name, true); });
            return a;
          }
          function typeNode(t) {
            var span = el("span");
            if (t.kind === "NON_NULL") { span.appendChild(typeNode(t.ofType)); span.appendChild(document.createTextNode("!")); }
            else if (t.kind === "LIST") { span.appendChild(document.createTextNode("[")); span.appendChild(typeNode(t.ofType)); span.appendChild(document.createTextNode("]")); }
            else span.appendChild(typeLink(t.name));
            return span;
          }
          function list() {
            current = null;
            back.disabled = history.length === 0;
            browser.textContent = "";
            var needle = filter.value.trim().toLowerCase();
            var ul = el("ul");
            roots.concat(Object.keys(types).sort().filter(function (n) { return roots.indexOf(n) < 0; }))
              .filter(function (n) { return n.indexOf("__") !== 0 && (!needle || n.toLowerCase().indexOf(needle) >= 0); })
              .forEach(function (n) {
                var li = el("li");
                li.appendChild(typeLink(n));
                li.appendChild(document.createTextNode(" "));
                li.appendChild(el("span", "kind", types[n].kind.toLowerCase().replace("_", " ")));
                ul.appendChild(li);
              });
            browser.appendChild(ul);
          }
          function show(name, push) {
            var t = types[name];
            if (!t) return;
            if (push) history.push(current);
            current = name;
            back.disabled = false;
            browser.textContent = "";
            browser.appendChild(el("div", "kind", t.kind.toLowerCase().replace("_", " ")));
            browser.appendChild(el("h2", "", t.name));
            if (t.description) browser.appendChild(el("p", "desc", t.description));
            var ul = el("ul");
            (t.fields || t.inputFields || []).forEach(function (f) {
              var li = el("li", "field");
              li.appendChild(el("strong", "", f.name));
              if (f.args && f.args.length) {
                li.appendChild(document.createTextNode("("));
                f.args.forEach(function (a, i) {
                  if (i) li.appendChild(document.createTextNode(", "));
                  li.appendChild(el("span", "arg", a.name + ": "));
                  li.appendChild(typeNode(a.type));
                  if (a.defaultValue !== null && a.defaultValue !== undefined) li.appendChild(document.createTextNode(" = " + a.defaultValue));
                });
                li.appendChild(document.createTextNode(")"));
              }
              li.appendChild(document.createTextNode(": "));
              li.appendChild(typeNode(f.type));
              if (f.description) li.appendChild(el("div", "desc", f.description));
              if (f.isDeprecated) li.appendChild(el("div", "desc", "Deprecated: " + (f.deprecationReason || "")));
              ul.appendChild(li);
            });
            (t.enumValues || []).forEach(function (v) {
              var li = el("li", "field");
              li.appendChild(el("strong", "", v.name));
              if (v.description) li.appendChild(el("div", "desc", v.description));
              ul.appendChild(li);
            });
            [["Implements", t.interfaces], ["Possible types", t.possibleTypes]].forEach(function (pair) {
              if (!pair[1] || !pair[1].length) return;
              var li = el("li");
              li.appendChild(document.createTextNode(pair[0] + ": "));
              pair[1].forEach(function (x, i) { if (i) li.appendChild(document.createTextNode(", ")); li.appendChild(typeLink(x.name)); });
              ul.appendChild(li);
            });
            browser.appendChild(ul);
          }
          back.addEventListener("click", function () {
            var previous = history.pop();
            if (previous) show(previous, false); else list();
          });
          filter.addEventListener("input", list);
          post({ query: introspection, operationName: "ExplorerSchema" }).then(function (r) {
            var schema = r.json && r.json.data && r.json.data.__schema;
            if (!schema) {
              browser.textContent = "";
              var message = r.json && r.json.errors && r.json.errors[0] ? r.json.errors[0].message : "HTTP " + r.status;
              browser.appendChild(el("p", "error", "The schema is not available: " + message));
              return;
            }
            schema.types.forEach(function (t) { types[t.name] = t; });
            [schema.queryType, schema.mutationType].forEach(function (r) { if (r) roots.push(r.name); });
            list();
          }, function (e) {
            browser.textContent = "";
            browser.appendChild(el("p", "error", "The schema could not be loaded: " + e));
          });
        })();
        """
}
