package vn.motcua.local.stack;

class IsolationTwoTest extends IsolationContract {}
