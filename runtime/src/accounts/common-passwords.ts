/**
 * Passwords of 12+ characters that top the public breach lists (SecLists' most common passwords,
 * filtered to the length the product accepts). Compared lower-cased.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789012345', '1234567890123456', '123123123123',
  '111111111111', '000000000000', '123412341234', '098765432109', '987654321098', '121212121212',
  'qwertyuiopas', 'qwertyuiop12', 'qwertyuiop123', 'qwerty123456', 'qwerty1234567', 'qwertyqwerty', 'qwertyuiopasdfgh',
  'asdfghjklzxc', 'asdfasdfasdf', 'zxcvbnmasdfg', '1qaz2wsx3edc', '1q2w3e4r5t6y', '1q2w3e4r5t6y7u', 'q1w2e3r4t5y6',
  'password1234', 'password12345', 'password123456', 'password1234567', 'passwordpassword', 'password!123', 'password@123',
  'p@ssw0rd1234', 'p@ssword1234', 'passw0rd1234', 'mypassword123', 'thisismypassword', 'changeme1234', 'changemenow!',
  'letmein12345', 'welcome12345', 'welcome123456', 'welcometothejungle', 'iloveyou1234', 'iloveyou12345', 'administrator',
  'administrator1', 'admin1234567', 'admin123456789', 'adminadmin123', 'rootroot1234', 'superman1234', 'batman123456',
  'football1234', 'baseball1234', 'basketball12', 'starwars1234', 'princess1234', 'sunshine1234', 'monkey123456',
  'dragon123456', 'master123456', 'shadow123456', 'trustno1trustno1', 'whatever1234', 'abcdefghijkl', 'abcdefghijklm',
  'abcdefgh1234', 'abc123456789', 'abcd12345678', 'a1b2c3d4e5f6', 'aa1234567890', 'computer1234', 'internet1234',
  'linepassword', 'linepassword1', 'line12345678', 'scenario1234', 'correcthorsebatterystaple', 'secret123456',
  'jesus1234567', 'michael12345', 'jennifer1234', 'charlie12345', 'unbelievable', 'sayonara1234', 'konnichiwa12',
  'tokyo1234567', 'nippon123456', 'japan1234567', 'pokemon12345', 'naruto123456', 'doraemon1234',
]);
