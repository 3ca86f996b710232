package vn.motcua.local.template;

import java.util.List;

/**
 * A CloudFormation intrinsic function as it stands in the template, in short form ({@code !Ref x})
 * or long form ({@code {Ref: x}}, {@code {Fn::GetAtt: [a, b]}}); both load to the same value.
 */
public sealed interface Intrinsic {

    /** The function's name as CloudFormation spells it: {@code Ref}, {@code Fn::GetAtt}, ... */
    String function();

    record Ref(String target) implements Intrinsic {
        public String function() { return "Ref"; }
    }

    record GetAtt(String resource, String attribute) implements Intrinsic {
        public String function() { return "Fn::GetAtt"; }
    }

    /** {@code !Sub 'text ${Name}'} or {@code !Sub [text, {Name: value}]}. */
    record Sub(String text, java.util.Map<String, Object> variables) implements Intrinsic {
        public String function() { return "Fn::Sub"; }

        /** The names that {@code ${...}} placeholders refer to, less the local variables and {@code ${!literal}}. */
        public List<String> references() {
            var names = new java.util.ArrayList<String>();
            var m = java.util.regex.Pattern.compile("\\$\\{([^}!][^}]*)}").matcher(text);
            while (m.find()) {
                String name = m.group(1).trim();
                if (!variables.containsKey(name)) names.add(name);
            }
            return names;
        }
    }

    /** Any other function ({@code Fn::Join}, {@code Fn::If}, ...), kept with its argument. */
    record Other(String function, Object argument) implements Intrinsic {}
}
