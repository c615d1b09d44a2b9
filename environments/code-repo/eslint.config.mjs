import base from '../../eslint.config.mjs';

// suite/ holds the built-in suite's fixture repositories, bugs included on purpose: not this package's code.
export default [...base, { ignores: ['suite/**'] }];
