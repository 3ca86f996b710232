package vn.motcua.local.stack;

class IsolationOneTest extends IsolationContract {}
