import { configure } from '@testing-library/react';

// CI runs every package's tests at once on two cores: give UI waits room without slowing passes.
configure({ asyncUtilTimeout: 4000 });
