// Print the IAM policy documents of a generated Pulumi TypeScript program
// as JSON, read with the TypeScript compiler's own parser: every constant
// typed `aws.iam.PolicyDocument`, with values that are not literals written
// as ${expression}; and the resource type of every constant that holds a
// resource (`const x = new aws.eks.Cluster(...)`), so placeholders such as
// ${cluster.arn} can be given a realistic value.
//
// Usage: node ts_documents.mjs path/to/index.ts... (prints one JSON object,
// keyed by path)
import fs from "node:fs";
import ts from "typescript";

let source;

function text(node) {
  return node.getText(source);
}

function value(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTaggedTemplateExpression(node)) return value(node.template);
  if (ts.isTemplateExpression(node)) {
    let s = node.head.text;
    for (const span of node.templateSpans) s += "${" + text(span.expression) + "}" + span.literal.text;
    return s;
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.map(value);
  if (ts.isObjectLiteralExpression(node)) {
    const out = {};
    for (const p of node.properties) {
      if (!ts.isPropertyAssignment(p)) throw new Error(`unsupported property at ${text(p)}`);
      const key = ts.isStringLiteral(p.name) ? p.name.text : text(p.name);
      out[key] = value(p.initializer);
    }
    return out;
  }
  return "${" + text(node) + "}";
}

function read(path) {
  source = ts.createSourceFile(path, fs.readFileSync(path, "utf8"), ts.ScriptTarget.ES2020, true);
  const documents = [];
  const types = {};
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      const name = text(d.name);
      if (d.type && text(d.type) === "aws.iam.PolicyDocument" && d.initializer) {
        const { line } = source.getLineAndCharacterOfPosition(d.getStart(source));
        documents.push({ name, line: line + 1, document: value(d.initializer) });
      }
      if (d.initializer && ts.isNewExpression(d.initializer)) {
        types[name] = text(d.initializer.expression).replace(/^aws\./, "");
      }
    }
  }
  const diagnostics = source.parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  return { documents, types, diagnostics };
}

const out = {};
for (const path of process.argv.slice(2)) out[path] = read(path);
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
