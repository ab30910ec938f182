// Imported first by the CLI entry points. The AWS SDK warns on every run that its future releases
// will need Node 22; the CLI supports Node 20 on purpose, and the warning would bury the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
