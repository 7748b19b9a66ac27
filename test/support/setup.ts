// Ink reads CI once, at import time, and then renders only the final frame. Screen tests need live frames,
// and CI runs .ci/run with CI=true, so clear it before anything imports ink.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
